// Walrus's own quilt code (@mysten/walrus: utils/quilts.mjs encodeQuilt, files/readers/quilt.mjs QuiltReader) as a
// command-line oracle for Floe's quilt tests. Answers are plain text lines and files (no JSON needed in Java).
//
//   encode <cases.json> <outDir>   cases = [{"n":10,"files":[{"identifier":"a","file":"/path","tags":{"k":"v"}}]}]
//                                  for case i writes quilt-<i>.bin (encodeQuilt's bytes) and quilt-<i>.txt: line 1
//                                  the blob ID (walrus-wasm's compute_metadata), then one line per patch in index
//                                  order "<patchId> <startIndex> <endIndex> <identifier as base64url>"
//   read <n> <quiltFile> <outDir> <patchId>...
//                                  reads a quilt with the SDK's BlobReader/QuiltReader (the blob's bytes served by a
//                                  stand-in client): index.txt, one line per patch of readIndex() "<patchId>
//                                  <identifier b64url> <tags>" (tags "k=v" pairs, each side b64url, joined by ",", or
//                                  "-"); for the k-th patch ID given, patch-<k>.bin (the bytes readerForPatchId gives)
//                                  and line k of patches.txt "<identifier b64url> <tags>" as that reader names them.
//                                  (The SDK's readIndex places the first patch by the index's size without its 5-byte
//                                  prefix, so for an index ending in a column's last 5 bytes its patch IDs are off by
//                                  one column; reading by the encoder's patch IDs is not affected.)
import { register } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobEncoder } from '@mysten/walrus-wasm';

const stubs = {
  '@mysten/sui/bcs': new URL('./sui-bcs.mjs', import.meta.url).href,
  '@mysten/sui/client': new URL('./sui-client.mjs', import.meta.url).href,
};
register('data:text/javascript,' + encodeURIComponent(`
const stubs = ${JSON.stringify(stubs)};
export async function resolve(specifier, context, next) {
  return stubs[specifier] ? { url: stubs[specifier], shortCircuit: true } : next(specifier, context);
}`));

const sdk = (path) => import(new URL(`./node_modules/@mysten/walrus/dist/${path}`, import.meta.url).href);
const { encodeQuilt, encodeQuiltPatchId } = await sdk('utils/quilts.mjs');
const { BlobReader } = await sdk('files/readers/blob.mjs');

const b64 = (b) => Buffer.from(b).toString('base64url');
const text = (s) => b64(Buffer.from(s, 'utf8'));

function blobId(n, bytes) {
  const [id] = new BlobEncoder(n).compute_metadata(bytes);
  return b64(id);
}

function encode([casesFile, outDir]) {
  mkdirSync(outDir, { recursive: true });
  JSON.parse(readFileSync(casesFile, 'utf8')).forEach(({ n, files }, i) => {
    const blobs = files.map((f) => ({ identifier: f.identifier, contents: readFileSync(f.file), tags: f.tags }));
    const { quilt, index } = encodeQuilt({ blobs, numShards: n, encodingType: 'RS2' });
    const quiltId = blobId(n, quilt);
    const lines = index.patches.map((p) => {
      const patchId = encodeQuiltPatchId({
        quiltId, patchId: { version: 1, startIndex: p.startIndex, endIndex: p.endIndex },
      });
      return `${patchId} ${p.startIndex} ${p.endIndex} ${text(p.identifier)}`;
    });
    writeFileSync(join(outDir, `quilt-${i}.bin`), quilt);
    writeFileSync(join(outDir, `quilt-${i}.txt`), [quiltId, ...lines].join('\n') + '\n');
  });
}

const tagsText = (tags) => Object.entries(tags ?? {}).map(([k, v]) => `${text(k)}=${text(v)}`).join(',') || '-';

async function read([n, quiltFile, outDir, ...patchIds]) {
  const bytes = new Uint8Array(readFileSync(quiltFile));
  const client = {
    readBlob: async () => bytes,
    getSecondarySliver: async () => { throw new Error('slivers are not served: the reader has the whole blob'); },
  };
  const blob = new BlobReader({ client, blobId: blobId(Number(n), bytes), numShards: Number(n) });
  await blob.getBytes();
  const quilt = blob.getQuiltReader();
  mkdirSync(outDir, { recursive: true });
  const index = (await quilt.readIndex()).map((p) => `${p.patchId} ${text(p.identifier)} ${tagsText(p.tags)}\n`);
  writeFileSync(join(outDir, 'index.txt'), index.join(''));
  const lines = [];
  for (const [k, patchId] of patchIds.entries()) {
    const file = quilt.readerForPatchId(patchId);
    writeFileSync(join(outDir, `patch-${k}.bin`), await file.getBytes());
    lines.push(`${text(await file.getIdentifier())} ${tagsText(await file.getTags())}\n`);
  }
  writeFileSync(join(outDir, 'patches.txt'), lines.join(''));
}

const commands = { encode, read };
const [cmd, ...args] = process.argv.slice(2);
if (!commands[cmd]) {
  process.stderr.write(`usage: node quilt-oracle.mjs (${Object.keys(commands).join('|')}) args...\n`);
  process.exit(2);
}
try {
  await commands[cmd](args);
} catch (e) {
  process.stderr.write(`quilt oracle ${cmd} failed: ${e?.stack ?? e}\n`);
  process.exit(1);
}
