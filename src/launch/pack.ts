// The chunks ship as one file: npm unpacks a tarball file by file (three times per warm `npx` of a tarball, at
// ~1 ms a file), and a start reads one file instead of seven. scripts/build.mjs writes it: a first line indexing
// each chunk's name with the offset and length of its source in the text after that line.
export const PACK_FILE = 'chunks.pack';

/** The chunks of a pack by name; a name not in it is an error (a chunk the build did not make). */
export function unpack(text: string): { names: string[]; source: (name: string) => string } {
  const newline = text.indexOf('\n');
  const index = JSON.parse(text.slice(0, newline)) as Record<string, [number, number]>;
  const body = newline + 1;
  return {
    names: Object.keys(index),
    source: (name) => {
      const at = index[name];
      if (!at) throw new Error(`${name} is not in ${PACK_FILE}: reinstall codex-bedrock-setup`);
      return text.slice(body + at[0], body + at[0] + at[1]);
    },
  };
}
