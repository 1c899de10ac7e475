import { describe, expect, test } from "vitest";
import { ANSWERS_FILE_BYTES_MAX, displayName, formatBytes, isSystemFile, readAnswerFiles, readRosterFile, type FileLike } from "./files";

const file = (name: string, text: string, extra: Partial<FileLike> = {}): FileLike => ({
  name,
  size: text.length,
  text: async () => text,
  ...extra,
});

describe("readAnswerFiles", () => {
  test("reads .json files, names them by folder path, lists the rest with a reason", async () => {
    const result = await readAnswerFiles([
      file("a.json", "{}", { webkitRelativePath: "class/a.json" }),
      file("notes.txt", "hello"),
      file(".DS_Store", "x"),
      file("big.json", "", { size: ANSWERS_FILE_BYTES_MAX + 1 }),
      file("broken.json", "", { text: async () => Promise.reject(new Error("gone")) }),
    ]);
    expect(result.read).toEqual([{ name: "class/a.json", text: "{}" }]);
    expect(result.systemFiles).toBe(1);
    expect(result.unread.map((u) => u.name)).toEqual(["notes.txt", "big.json", "broken.json"]);
    expect(result.unread[0]!.reason).toMatch(/not a \.json file/);
    expect(result.unread[1]!.reason).toMatch(/too large/);
    expect(result.unread[2]!.reason).toMatch(/gone/);
  });
});

test("readRosterFile refuses a huge file", async () => {
  expect(await readRosterFile(file("r.csv", "a\nb"))).toEqual({ ok: true, text: "a\nb" });
  const result = await readRosterFile(file("r.csv", "", { size: 5_000_000 }));
  expect(result.ok).toBe(false);
});

test("helpers", () => {
  expect(displayName(file("a.json", "", { webkitRelativePath: "" }))).toBe("a.json");
  expect(isSystemFile("class/._a.json")).toBe(true);
  expect(isSystemFile("class/a.json")).toBe(false);
  expect(formatBytes(1_500_000)).toBe("1.5 MB");
  expect(formatBytes(2_400)).toBe("2 kB");
  expect(formatBytes(12)).toBe("12 bytes");
});
