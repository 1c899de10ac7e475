/**
 * A download link for text the page made (a CSV): a Blob URL, revoked when the
 * text changes or the link goes away, so repeated keys don't leak memory.
 */
import { useEffect, useState } from "preact/hooks";
import type { ComponentChildren } from "preact";

interface Props {
  text: string;
  filename: string;
  type?: string;
  children: ComponentChildren;
  class?: string;
}

export function DownloadLink({ text, filename, type = "text/csv;charset=utf-8", children, class: className = "button button-primary" }: Props) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [text, type]);
  if (!href) return null;
  return (
    <a class={className} href={href} download={filename} data-download={filename}>
      {children}
    </a>
  );
}
