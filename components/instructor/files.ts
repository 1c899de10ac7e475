/**
 * Reading the files an instructor drops on the page (a roster, a folder of
 * students' answer files) with limits on everything, so a stray video in the
 * folder is reported instead of freezing the tab. Every file the page does not
 * read is returned with the reason; nothing is skipped silently.
 */

/** Largest answers file read (students' files are a few kilobytes). */
export const ANSWERS_FILE_BYTES_MAX = 1_000_000;
/** Largest roster file read. */
export const ROSTER_FILE_BYTES_MAX = 2_000_000;
/** Most files read from one folder or selection. */
export const FILE_COUNT_MAX = 2_000;

/** A file as the page read it, named by its path inside the chosen folder when there is one. */
export interface ReadFile {
  name: string;
  text: string;
}

/** A file the page did not read, with a sentence saying why. */
export interface UnreadFile {
  name: string;
  reason: string;
}

/** The subset of `File` the reader uses (so tests can pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  webkitRelativePath?: string;
  text(): Promise<string>;
}

/** A file's name as shown to the instructor: its path inside the chosen folder, or its name. */
export function displayName(file: FileLike): string {
  return file.webkitRelativePath && file.webkitRelativePath !== "" ? file.webkitRelativePath : file.name;
}

/** True for files a folder carries that nobody made on purpose (".DS_Store", "Thumbs.db", "._x.json"). */
export function isSystemFile(name: string): boolean {
  const base = name.split("/").pop() ?? name;
  return base.startsWith(".") || base === "Thumbs.db" || base === "desktop.ini";
}

/**
 * Reads students' answer files: `.json` files up to `ANSWERS_FILE_BYTES_MAX`, at
 * most `FILE_COUNT_MAX` of them. System files a folder carries are left out and
 * counted; any other file not read is listed with its reason.
 */
export async function readAnswerFiles(files: Iterable<FileLike>): Promise<{ read: ReadFile[]; unread: UnreadFile[]; systemFiles: number }> {
  const read: ReadFile[] = [];
  const unread: UnreadFile[] = [];
  let systemFiles = 0;
  for (const file of files) {
    const name = displayName(file);
    if (isSystemFile(name)) {
      systemFiles += 1;
      continue;
    }
    if (!/\.json$/i.test(name)) {
      unread.push({ name, reason: "not a .json file; students' answer files end in .json." });
    } else if (file.size > ANSWERS_FILE_BYTES_MAX) {
      unread.push({ name, reason: `${formatBytes(file.size)} is too large for an answers file (the limit is ${formatBytes(ANSWERS_FILE_BYTES_MAX)}).` });
    } else if (read.length >= FILE_COUNT_MAX) {
      unread.push({ name, reason: `not read: the page reads at most ${FILE_COUNT_MAX} files at once.` });
    } else {
      try {
        read.push({ name, text: await file.text() });
      } catch (error) {
        unread.push({ name, reason: `the browser could not read it (${error instanceof Error ? error.message : String(error)}).` });
      }
    }
  }
  return { read, unread, systemFiles };
}

/** Reads a roster file (text or CSV), refusing one too large to be a class list. */
export async function readRosterFile(file: FileLike): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  if (file.size > ROSTER_FILE_BYTES_MAX) {
    return { ok: false, reason: `${displayName(file)} is ${formatBytes(file.size)}; a roster file may be at most ${formatBytes(ROSTER_FILE_BYTES_MAX)}.` };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    return { ok: false, reason: `The browser could not read ${displayName(file)} (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** "1.2 MB", "830 kB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} bytes`;
}
