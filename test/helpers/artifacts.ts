/**
 * Every text a person could open in a report folder: files, the entries of zip archives (traces),
 * and zips embedded as base64 (the HTML report's data). Independent of the scrubber it checks.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

export interface ArtifactText {
  where: string;
  text: string;
}

export async function artifactTexts(dir: string): Promise<ArtifactText[]> {
  const texts: ArtifactText[] = [];
  const addZip = (where: string, bytes: Uint8Array) => {
    for (const [name, entry] of Object.entries(unzipSync(bytes)))
      texts.push({ where: `${where}!${name}`, text: strFromU8(entry, true) });
  };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (file.endsWith('.zip')) addZip(file, bytes);
    texts.push({ where: file, text: bytes.toString('utf8') });
    for (const match of bytes.toString('latin1').matchAll(/data:application\/zip;base64,([A-Za-z0-9+/=]+)/g)) {
      addZip(`${file}#embedded`, Buffer.from(match[1]!, 'base64'));
    }
  }
  return texts;
}

/** The places where `pattern` occurs. */
export function findLeaks(texts: readonly ArtifactText[], pattern: RegExp): string[] {
  return texts.filter(({ text }) => pattern.test(text)).map(({ where }) => where);
}
