import { describe, expect, test } from "vitest";
import { decodeSharedCode, encodeSharedCode, shareUrl, unsharedUrl } from "./share";

describe("share links", () => {
  test("round-trip any code, including non-ASCII, in URL-safe characters", async () => {
    const code = 'import { usd } from "cef";\n// €, 日本, emoji 🚀\nreturn usd("1.10");\n'.repeat(20);
    const encoded = await encodeSharedCode(code);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(code.length);
    expect(await decodeSharedCode(encoded)).toBe(code);
  });

  test("a damaged link is refused with a reason", async () => {
    await expect(decodeSharedCode("")).rejects.toThrow("the link's code is empty");
    await expect(decodeSharedCode("abc$")).rejects.toThrow(/characters a share link never contains/);
    const encoded = await encodeSharedCode("return 'a fairly long piece of code to cut in half';");
    await expect(decodeSharedCode(encoded.slice(0, 10))).rejects.toThrow(RangeError);
  });

  test("the parameter is cell.<id>, other parameters and the path are kept", async () => {
    const url = await shareUrl("desk", "return 1;", { href: "https://book.example/chapters/essence/?w.xray.crash=0.5#top" });
    const parsed = new URL(url);
    expect(parsed.pathname).toBe("/chapters/essence/");
    expect(parsed.searchParams.get("w.xray.crash")).toBe("0.5");
    expect(await decodeSharedCode(parsed.searchParams.get("cell.desk")!)).toBe("return 1;");
    expect(parsed.hash).toBe("#cell-desk");
    expect(new URL(unsharedUrl("desk", { href: url })).searchParams.has("cell.desk")).toBe(false);
  });
});
