/** The numbers behind a figure, as an accessible table. */
import type { TableData } from "../../../src/lib/widget";

interface Props {
  table: TableData;
  caption: string;
  /** Rows beyond this are summarised (the CSV has them all). */
  maxRows?: number;
}

export function DataTable({ table, caption, maxRows = 200 }: Props) {
  const rows = table.rows.slice(0, maxRows);
  return (
    <div class="data-table" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th scope="col" class={column.numeric ? "num" : undefined} key={column.key}>{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {table.columns.map((column) => (
                <td class={column.numeric ? "num" : undefined} key={column.key}>{String(row[column.key] ?? "")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.rows.length > rows.length && (
        <p class="control-help">Showing {rows.length} of {table.rows.length} rows; the CSV has them all.</p>
      )}
    </div>
  );
}
