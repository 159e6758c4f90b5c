import { inflateSync } from 'node:zlib';

/** The text drawn in a PDF made by pdf-lib with standard fonts: inflate each content stream, decode its hex strings (WinAnsi). */
export function pdfText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes);
  const latin = buffer.toString('latin1');
  const decoder = new TextDecoder('windows-1252');
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const start = latin.indexOf('stream', from);
    if (start < 0) break;
    const bodyStart = latin[start + 6] === '\r' ? start + 8 : start + 7;
    const end = latin.indexOf('endstream', bodyStart);
    if (end < 0) break;
    from = end + 9;
    if (latin.slice(Math.max(0, start - 200), start).lastIndexOf('FlateDecode') < 0) continue;
    try {
      const content = inflateSync(buffer.subarray(bodyStart, end)).toString('latin1');
      for (const m of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) parts.push(decoder.decode(Buffer.from(m[1] ?? '', 'hex')));
    } catch {
      // not a content stream
    }
  }
  return parts.join('\n');
}
