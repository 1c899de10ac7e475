/**
 * Share links for cells: the code, deflate-compressed (the browser's own
 * CompressionStream("deflate-raw")) and base64url-encoded, in the URL
 * parameter `cell.<id>`. Opening such a link shows the code; it runs only
 * when the reader presses Run.
 */

/** Longest encoded code a link carries; longer links break in some mail and chat clients. */
export const MAX_SHARED_CHARS = 16_000;

/** The URL parameter that carries a cell's code. */
export function shareParam(cellId: string): string {
  return `cell.${cellId}`;
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new RangeError("the link's code has characters a share link never contains");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * Code → the text of a share parameter.
 *
 * @example
 * await decodeSharedCode(await encodeSharedCode("return 1;")) //=> "return 1;"
 */
export async function encodeSharedCode(code: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(code), new CompressionStream("deflate-raw")));
}

/** The text of a share parameter → code; throws a RangeError with a reason when it is damaged. */
export async function decodeSharedCode(encoded: string): Promise<string> {
  if (encoded.length === 0) throw new RangeError("the link's code is empty");
  if (encoded.length > MAX_SHARED_CHARS * 2) throw new RangeError("the link's code is too long");
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64Url(encoded), new DecompressionStream("deflate-raw"));
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new RangeError("the link's code is damaged (it may have been cut short)");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RangeError("the link's code is not text");
  }
}

/** The URL of the current page with a cell's code in it (other parameters kept). */
export async function shareUrl(cellId: string, code: string, location: { href: string }): Promise<string> {
  const encoded = await encodeSharedCode(code);
  if (encoded.length > MAX_SHARED_CHARS) {
    throw new RangeError(`This code is too long to share as a link (${encoded.length.toLocaleString("en-US")} characters compressed; at most ${MAX_SHARED_CHARS.toLocaleString("en-US")}).`);
  }
  const url = new URL(location.href);
  url.searchParams.set(shareParam(cellId), encoded);
  url.hash = `cell-${cellId}`;
  return url.href;
}

/** The URL without a cell's code (after Reset). */
export function unsharedUrl(cellId: string, location: { href: string }): string {
  const url = new URL(location.href);
  url.searchParams.delete(shareParam(cellId));
  return url.href;
}
