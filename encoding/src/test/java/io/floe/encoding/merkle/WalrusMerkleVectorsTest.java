package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.MerkleReference.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Fixed roots computed by Walrus itself ({@code @mysten/walrus-wasm} 0.3.0, {@code BlobEncoder.encode} on the
 * 33-byte blob "walrus blob id v1 regression test"): the blob root is the Merkle root over the leaves
 * {@code primary_hash_i || secondary_hash_i}. Ten and seven leaves exercise padding on several levels.
 */
class WalrusMerkleVectorsTest {
    /** n = 10: the blob ID of this root is DESIGN.md's RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY. */
    private static final String[] PAIRS_N10 = {
        "e72fef473a7821fd33d556b2c2cee51481e6198fbccc8904232ae517c25b507f"
            + "3e97b1aacf9199e3d46a777da0c6026de6aede8aeb509e53a5df0b01a5beacd2",
        "55d5a58919276c90651042b0ec1d0d35bb1b2a929f2fa95e085989425242ee09"
            + "c810d14be2ecb4f867ef6fb570e3d1510d4f95134e4954508f729d650756fc9c",
        "eeab527996463b162b6f2a28f21f93ac8a1a7ef6c20b0a80acc7ad31da1a2a13"
            + "a28c1e22da86bd81a26deb87e57b0bb7227ed15cdb2dc147966bc74f17fe455d",
        "db58f368d9bc3234adaa423ddfadfc96debcfa47a72d873ecb8f5207c1b6938c"
            + "9ef0a0181da2557942b107108474b195740449a1d5c46b8e0fd553754b1a4979",
        "4b86fc43d2e66fd8b19608c610f60ec3966ea6e586ad2ec2db597867df87dc27"
            + "3c9195499393d232a46dce52406e3b3ab73175280daf5d9dd3d6457de88162d5",
        "c5b7e89da87885932d161b77ca23a1958c4cdb293accbc74ab41e181896468af"
            + "9f20dcfe4fbbc9d5598960d88001c90b0233a73114de7bd8282be45ef9346c9a",
        "a43f04e88e194a04165ec3f1296ade9231306cbff75e2836f8aae574e93b44ec"
            + "d239ba8556f4092d9367863e3c5b92b224f1013071b777ad714e1f5cbe23d4ab",
        "8a77eefce6034ba2b0a4b42a794b4d079172414988c1a8c3caa66d16050c1249"
            + "4a4047f09ff8984e745f5878aa2d2ffe16f35e1b2c3d86c012c21acb99c5cc89",
        "72393788b3b8ff581ac6b69c49c317620fb8c20b1b0b2b878a2b076d3cf587c6"
            + "8357bc92f074ffcaece752250433589806684212ba5697cfb2f37a8bd993bde7",
        "25dfa6027b65405b4173b0a6e6c1cbe2178a4418bdf0175dc2c37dbd75df196d"
            + "8d78c10ebb5bccc04da95cfab8b0abdfd332f24c265a1a4d953355c99cecde7d",
    };
    private static final String ROOT_N10 = "dc3457c94140737f55ccfba619f79c96928f3845da745142c7c8e23396eedf88";

    private static final String[] PAIRS_N7 = {
        "66710d9a1b2af2125267cf43ec60c743759237fa06ec14375febd6fbed04ff9d"
            + "4a6daf641c856e1cabc8877452fbc48bf5132c50ed2306cbbc1fc451e6c87e98",
        "c1a1d65d86efbec3c7c12c47369e8db5b301d5d8bafc8c1e9963d7a15fcaaa7a"
            + "668014df9b6671e4dc64b799f818c6f90717b3058db1162efbc2d4aeda6fc5a0",
        "a3f6466be67ff011f7841312dcaa21697c6efcb723c16f4a2844a7c0f2177921"
            + "fb344394a2784e36a3abb90bb4e1171b757337e2315737cd694bf3f976e11b01",
        "9a62803947c5e44b66394d8cca33a6b3acdec8bd43fed90caddce5fa95498ed3"
            + "3153f6096ae4b3badb23b94d2b6302c2edb945c06b052ffcab5c908f12dbd8c8",
        "b0c3c918467fd0adc7ab6eacef4daabeeed63ac944dd63405e01c921bfd0a7ce"
            + "67ab3356920b0598c729349ec1546ecbfdfe6a2dfdd3cf7309a66b446eae5243",
        "66f2433c2d022d09b72e7ab0abb63a85e1e31d3865b28f33276e96123bb7edb7"
            + "37ba820f6841d9b90a8198bbbff3985e0254d989e78622d17f29326bb034ec3e",
        "92a53c846ec274060adcf47948213304fb29003fc4ada9b0c361c402735cf105"
            + "b6a61ab90da91a71bcba6c6a46bc9da7ef9ae297a9370c43d41885417d8d16be",
    };
    private static final String ROOT_N7 = "b460363517521c3e10c774fde713b96c31c7a88996ff3aeaf8864e0773cd9974";

    @Test
    void reproducesWalrusBlobRootOverTenPairs() {
        assertRoot(PAIRS_N10, ROOT_N10);
    }

    @Test
    void reproducesWalrusBlobRootOverSevenPairs() {
        assertRoot(PAIRS_N7, ROOT_N7);
    }

    private static void assertRoot(String[] pairs, String expectedRoot) {
        byte[][] leaves = new byte[pairs.length][];
        MerkleRootBuilder builder = new MerkleRootBuilder();
        for (int i = 0; i < pairs.length; i++) {
            leaves[i] = hex(pairs[i]);
            builder.addLeafData(leaves[i], 0, leaves[i].length);
        }
        MerkleTree tree = MerkleTree.fromLeafData(leaves);
        assertArrayEquals(hex(expectedRoot), tree.root());
        assertArrayEquals(hex(expectedRoot), builder.root());
        for (int i = 0; i < pairs.length; i++) {
            assertTrue(
                tree.proof(i).verify(hex(expectedRoot), pairs.length, leaves[i], i), "pair " + i);
        }
    }
}
