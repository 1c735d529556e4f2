/**
 * Walrus quilts, version 1: many small files batched into one blob, byte for byte as Walrus's {@code encodeQuilt}
 * (the {@code @mysten/walrus} SDK) lays them out. The blob is an {@code np x ns} matrix of symbols; column {@code c}
 * is secondary sliver {@code c}. Column 0 onwards holds the index (version byte, u32 LE size, BCS
 * {@code QuiltIndexV1}); each file then fills whole consecutive columns, in identifier order, top to bottom, with a
 * 6-byte header, its identifier, its tags if any, and its bytes. A patch ID is the quilt's blob ID followed by the
 * version byte and the file's start and end columns (u16 LE), in URL-safe base64.
 */
package io.floe.encoding.quilt;
