package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.encoding.EncodingException;
import io.floe.encoding.bcs.BcsException;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.merkle.MerkleNode;
import io.floe.encoding.metadata.BlobMetadata;
import io.floe.encoding.metadata.EncodingType;
import io.floe.encoding.metadata.SliverPairMetadata;
import io.floe.encoding.metadata.UnsupportedEncodingTypeException;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.BlobDecoder.ConsistencyCheck;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes and claims from peers that must end in a typed {@link EncodingException}, not a crash or huge allocation. */
class HostileInputTest {
    private static final EncodedBlob BLOB =
        new BlobEncoder(new EncodingConfig(10)).encode(RedStuffTest.randomBlob(8, 900));

    /** BlobMetadataWithId with the given fields: V1, the encoding type byte, the length and a pair count. */
    private static BcsWriter metadataHead(int encodingType, long length, int pairCount) {
        BcsWriter out = new BcsWriter();
        out.fixedBytes(new byte[32]);
        out.variant(0);
        out.variant(encodingType);
        out.u64(length);
        out.length(pairCount);
        return out;
    }

    private static VerifiedMetadata forged(long length, int pairs) {
        MerkleNode node = MerkleNode.digest(new byte[32]);
        BlobMetadata metadata = new BlobMetadata(EncodingType.RS2, length,
            Collections.nCopies(pairs, new SliverPairMetadata(node, node)));
        return new VerifiedMetadata(metadata.computeBlobId(), metadata);
    }

    @Test
    void metadataClaimingBillionsOfPairsFailsAsTruncatedInput() {
        byte[] bcs = metadataHead(1, 5, Integer.MAX_VALUE).toByteArray();
        assertThrows(BcsException.class, () -> VerifiedMetadata.fromBcs(bcs));
    }

    @Test
    void metadataOfAnUnknownVersionOrRetiredEncodingIsRefused() {
        byte[] good = BLOB.metadata().toBcs();
        byte[] version = good.clone();
        version[32] = 1;
        assertThrows(BcsException.class, () -> VerifiedMetadata.fromBcs(version));
        byte[] retired = good.clone();
        retired[33] = 0;
        assertEquals(0, assertThrows(UnsupportedEncodingTypeException.class,
            () -> VerifiedMetadata.fromBcs(retired)).code());
        byte[] huge = metadataHead(1, -1L, 0).toByteArray();
        assertThrows(BcsException.class, () -> VerifiedMetadata.fromBcs(huge));
    }

    @Test
    void metadataWithTooFewPairsCannotBeUsedToDecodeOrVerify() {
        VerifiedMetadata three = forged(100, 3);
        assertThrows(InvalidShardCountException.class, () -> new BlobDecoder(three));
        assertThrows(InvalidShardCountException.class, () -> new SliverVerifier(three));
        assertThrows(InvalidShardCountException.class, () -> new SliverRebuilder(three));
    }

    @Test
    void blobLengthBeyondOneArrayIsRefusedBeforeDecoding() {
        BlobDecoder decoder = new BlobDecoder(forged(3_000_000_000L, 1000));
        BlobTooLargeException e = assertThrows(BlobTooLargeException.class,
            () -> decoder.decode(List.of(), ConsistencyCheck.DEFAULT));
        assertEquals(3_000_000_000L, e.size());
    }

    @Test
    void sliverIndicesBeyondTheShardsAreRefused() {
        Sliver real = BLOB.sliver(SliverType.PRIMARY, new SliverIndex(1));
        Sliver beyond = new Sliver(SliverType.PRIMARY, new SliverIndex(10), real.symbolSize(), real.data());
        SliverIndexOutOfRangeException e = assertThrows(SliverIndexOutOfRangeException.class,
            () -> new SliverVerifier(BLOB.metadata()).verify(beyond));
        assertEquals(10, e.index());
        List<Sliver> slivers = List.of(BLOB.sliver(SliverType.PRIMARY, new SliverIndex(0)), real,
            BLOB.sliver(SliverType.PRIMARY, new SliverIndex(2)), beyond);
        assertThrows(SliverIndexOutOfRangeException.class,
            () -> new BlobDecoder(BLOB.metadata()).decode(slivers, ConsistencyCheck.DEFAULT));
    }

    @Test
    void sliverBcsWithAnImpossibleSymbolSizeOrIndexIsRefused() {
        BcsWriter odd = new BcsWriter();
        odd.bytes(new byte[12]);
        odd.u16(3);
        odd.u16(0);
        assertThrows(BcsException.class, () -> Sliver.fromBcs(SliverType.PRIMARY, odd.toByteArray()));
        BcsWriter noIndex = new BcsWriter();
        noIndex.bytes(new byte[12]);
        noIndex.u16(2);
        noIndex.u16(65535);
        assertThrows(BcsException.class, () -> Sliver.fromBcs(SliverType.PRIMARY, noIndex.toByteArray()));
    }

    @Test
    void everyInputFailureIsAnEncodingException() {
        assertThrows(EncodingException.class, () -> VerifiedMetadata.fromBcs(new byte[5]));
        assertThrows(EncodingException.class, () -> new EncodingConfig(2));
        assertThrows(EncodingException.class, () -> Sliver.fromBcs(SliverType.SECONDARY, new byte[] {1}));
    }
}
