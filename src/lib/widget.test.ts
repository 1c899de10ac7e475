import { describe, expect, it } from "vitest";
import { csvDataUrl, toCsv } from "./widget";

describe("widget data export", () => {
  const table = {
    columns: [{ key: "t", label: "Time" }, { key: "note", label: "Note, quoted" }],
    rows: [{ t: 1, note: 'said "halt"' }, { t: 2, note: "line\nbreak" }],
  };

  it("quotes CSV fields that need it", () => {
    expect(toCsv(table)).toBe('Time,"Note, quoted"\r\n1,"said ""halt"""\r\n2,"line\nbreak"\r\n');
  });

  it("round-trips through a data URL", () => {
    const url = csvDataUrl(table);
    expect(decodeURIComponent(url.split(",").slice(1).join(","))).toBe(toCsv(table));
  });
});
