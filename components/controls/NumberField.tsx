/** A number typed by hand: out-of-range or malformed input is refused with a visible message, never NaN. */
import { useEffect, useState } from "preact/hooks";
import type { NumberParam } from "../../src/lib/urlState";
import { coerceParam, formatParam } from "../../src/lib/urlState";

interface Props {
  id: string;
  spec: NumberParam;
  value: number;
  onChange: (value: number) => void;
}

export function NumberField({ id, spec, value, onChange }: Props) {
  const scale = spec.displayScale ?? 1;
  const [text, setText] = useState(String(value * scale));
  const [message, setMessage] = useState<string | undefined>();
  useEffect(() => setText(String(Number((value * scale).toPrecision(12)))), [value, scale]);

  function commit() {
    const cleaned = text.replace(/[,\s_]/g, "").replace(/%$/, "");
    const { value: accepted, notice } = coerceParam(spec, cleaned === "" ? "" : String(Number(cleaned) / scale));
    setMessage(notice);
    onChange(accepted as number);
    if (notice) setText(String(Number(((accepted as number) * scale).toPrecision(12))));
  }

  return (
    <div class="control control-number">
      <label for={id}>
        {spec.label}
        {spec.unit && <span class="control-unit"> ({spec.unit === "×" ? "times" : spec.unit})</span>}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={message ? "true" : undefined}
        aria-describedby={`${id}-range${message ? ` ${id}-msg` : ""}`}
        onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
      />
      <p id={`${id}-range`} class="control-help">
        {formatParam(spec.min, spec)} to {formatParam(spec.max, spec)}
      </p>
      {message && (
        <p id={`${id}-msg`} class="control-message" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
