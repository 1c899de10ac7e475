import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveFile } from "../../scripts/static-server.mjs";

describe("static server path resolution", () => {
  const root = mkdtempSync(join(tmpdir(), "site-"));
  mkdirSync(join(root, "glossary"));
  writeFileSync(join(root, "index.html"), "home");
  writeFileSync(join(root, "glossary", "index.html"), "glossary");

  it("serves index.html for directory URLs", () => {
    expect(resolveFile(root, "/")).toBe(join(root, "index.html"));
    expect(resolveFile(root, "/glossary/?q=1#x")).toBe(join(root, "glossary", "index.html"));
  });

  it("never serves a file outside the root", () => {
    expect(resolveFile(root, "/../../etc/passwd")).toBeUndefined();
    expect(resolveFile(root, "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
    expect(resolveFile(root, "/%E0%A4%A")).toBeUndefined();
  });
});
