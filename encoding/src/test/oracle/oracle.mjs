// Walrus's own RS2 encoder (@mysten/walrus-wasm) as a command-line oracle for Floe's Java tests.
// One node process serves a whole batch. Answers are plain text lines or files (no JSON needed in Java).
//
//   metadata <requests.json>         requests = [{"n":10,"file":"/path"},...]; one stdout line per case:
//                                    "<blobIdB64url> <blobIdHex> <rootHex> <unencodedLength>"
//   encode <n> <inputFile> <outDir>  writes primary-<i>.bcs, secondary-<i>.bcs (i = buffer index 0..n-1, as the
//                                    wasm fills them), metadata.bcs (the metadata encode returns, serialized as
//                                    BlobMetadataWithId by the Walrus TypeScript SDK's layouts, walrus-bcs.mjs)
//                                    and hashes.txt: line 1 "<blobIdB64url> <blobIdHex> <rootHex> <length>",
//                                    then n lines "<primaryHashHex> <secondaryHashHex>" for pairs 0..n-1
//   decode <n> <blobIdB64url> <size> <outFile> <primaryBcsFile>...   writes the decoded blob
//   time-metadata <n> <inputFile> <repeats>   prints the median wall time of compute_metadata in ms
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlobEncoder } from '@mysten/walrus-wasm';

const hex = (b) => Buffer.from(b).toString('hex');
const b64 = (b) => Buffer.from(b).toString('base64url');
const summary = (blobId, root, len) => `${b64(blobId)} ${hex(blobId)} ${hex(root)} ${len}`;

// BCS SliverData size: ULEB128(len) + len + symbol_size u16 + index u16 (as in the package's own test).
function bcsSize(len) {
  let u = 1;
  for (let v = Math.floor(len / 128); v > 0; v = Math.floor(v / 128)) u++;
  return u + len + 4;
}

function sliverLengths(n, blobLen) {
  const f = Math.floor((n - 1) / 3), np = n - 2 * f, ns = n - f;
  let s = Math.floor((Math.max(blobLen, 1) - 1) / (np * ns)) + 1;
  if (s % 2 === 1) s++;
  return { primary: ns * s, secondary: np * s };
}

function metadata([requestsFile]) {
  const encoders = new Map();
  const lines = JSON.parse(readFileSync(requestsFile, 'utf8')).map(({ n, file }) => {
    if (!encoders.has(n)) encoders.set(n, new BlobEncoder(n));
    const [blobId, root, len] = encoders.get(n).compute_metadata(readFileSync(file));
    return summary(blobId, root.Digest, len);
  });
  process.stdout.write(lines.map((l) => l + '\n').join(''));
}

async function encode([n, inputFile, outDir]) {
  n = Number(n);
  const blob = readFileSync(inputFile);
  const len = sliverLengths(n, blob.length);
  const primary = Array.from({ length: n }, () => new Uint8Array(bcsSize(len.primary)));
  const secondary = Array.from({ length: n }, () => new Uint8Array(bcsSize(len.secondary)));
  const result = new BlobEncoder(n).encode(blob, primary, secondary);
  const [md, root] = result;
  mkdirSync(outDir, { recursive: true });
  primary.forEach((b, i) => writeFileSync(join(outDir, `primary-${i}.bcs`), b));
  secondary.forEach((b, i) => writeFileSync(join(outDir, `secondary-${i}.bcs`), b));
  const v1 = md.metadata.V1;
  const { walrusBcs } = await import('./walrus-bcs.mjs');
  const withId = { blobId: walrusBcs.blobIdFromBytes(new Uint8Array(md.blob_id)), metadata: md.metadata };
  writeFileSync(join(outDir, 'metadata.bcs'), walrusBcs.BlobMetadataWithId.serialize(withId).toBytes());
  const hashLines = v1.hashes.map((h) => `${hex(h.primary_hash.Digest)} ${hex(h.secondary_hash.Digest)}`);
  writeFileSync(join(outDir, 'hashes.txt'),
    [summary(md.blob_id, root.Digest, v1.unencoded_length), ...hashLines].join('\n') + '\n');
}

function decode([n, blobIdB64, size, outFile, ...sliverFiles]) {
  const blobId = Array.from(Buffer.from(blobIdB64, 'base64url'));
  const out = new Uint8Array(Number(size));
  const slivers = sliverFiles.map((f) => new Uint8Array(readFileSync(f)));
  new BlobEncoder(Number(n)).decode(blobId, BigInt(size), slivers, out);
  writeFileSync(outFile, out);
}

function timeMetadata([n, inputFile, repeats]) {
  const encoder = new BlobEncoder(Number(n));
  const blob = readFileSync(inputFile);
  const times = [];
  for (let i = 0; i < Number(repeats); i++) {
    const t0 = process.hrtime.bigint();
    encoder.compute_metadata(blob);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const m = times.length >> 1;
  const median = times.length % 2 ? times[m] : (times[m - 1] + times[m]) / 2;
  process.stdout.write(`${median}\n`);
}

const commands = { metadata, encode, decode, 'time-metadata': timeMetadata };
const [cmd, ...args] = process.argv.slice(2);
if (!commands[cmd]) {
  process.stderr.write(`usage: node oracle.mjs (${Object.keys(commands).join('|')}) args...\n`);
  process.exit(2);
}
try {
  await commands[cmd](args);
} catch (e) {
  process.stderr.write(`oracle ${cmd} failed: ${e?.stack ?? e}\n`);
  process.exit(1);
}
