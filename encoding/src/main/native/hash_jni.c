/*
 * JNI entry points of io.floe.encoding.merkle.NativeLaneHasher. Java dedupes the input arrays of a batch, so a
 * batch over one sliver or one Merkle level fetches and pins one array; every bound is checked here again before
 * the arrays are pinned for the span of the call (criticals, no other JNI call while they are held), and all
 * digests are computed into a stack buffer before any is copied out, so outputs may overlap inputs.
 */
#include <jni.h>
#include "floe_hash.h"

#define MAX_LANES 64

JNIEXPORT jboolean JNICALL Java_io_floe_encoding_merkle_NativeLaneHasher_cpuSupports(JNIEnv *env, jclass cls,
                                                                                     jint isa) {
    (void) env; (void) cls;
    return isa >= 0 && isa < FH_ISA_COUNT && fh_cpu_supports(isa) ? JNI_TRUE : JNI_FALSE;
}

static void throw_bounds(JNIEnv *env, const char *msg) {
    if (!(*env)->ExceptionCheck(env)) {
        (*env)->ThrowNew(env, (*env)->FindClass(env, "java/lang/IndexOutOfBoundsException"), msg);
    }
}

/* True when every lane's input and output lie within their arrays (lengths fetched before pinning). */
static int lanes_in_bounds(const jint *lanes, jint count, jint array_count, const jsize *lengths, jsize out_len,
                           jint len) {
    for (jint i = 0; i < count; i++) {
        jint a = lanes[3 * i], off = lanes[3 * i + 1], out_off = lanes[3 * i + 2];
        if (a < 0 || a >= array_count || off < 0 || off > lengths[a] - len
                || out_off < 0 || out_off > out_len - FH_DIGEST) {
            return 0;
        }
    }
    return 1;
}

JNIEXPORT void JNICALL Java_io_floe_encoding_merkle_NativeLaneHasher_hash(JNIEnv *env, jclass cls, jint isa,
        jbyte prefix, jint len, jobjectArray arrays, jint array_count, jintArray lanes_array, jint count,
        jbyteArray out) {
    (void) cls;
    if (count <= 0) {
        return;
    }
    if (count > MAX_LANES || array_count <= 0 || array_count > count || len < 0
            || (*env)->GetArrayLength(env, lanes_array) < 3 * count) {
        throw_bounds(env, "native Blake2b: batch arguments out of range");
        return;
    }
    jbyteArray refs[MAX_LANES];
    jsize lengths[MAX_LANES];
    for (jint j = 0; j < array_count; j++) {
        refs[j] = (*env)->GetObjectArrayElement(env, arrays, j);
        if (!refs[j]) {
            throw_bounds(env, "native Blake2b: null input array");
            return;
        }
        lengths[j] = (*env)->GetArrayLength(env, refs[j]);
    }
    jsize out_len = (*env)->GetArrayLength(env, out);
    uint8_t digests[MAX_LANES * FH_DIGEST];
    const uint8_t *in[MAX_LANES];
    uint8_t *bases[MAX_LANES];
    jint *lanes = (*env)->GetPrimitiveArrayCritical(env, lanes_array, NULL);
    if (!lanes) {
        return;
    }
    int ok = lanes_in_bounds(lanes, count, array_count, lengths, out_len, len);
    jint pinned = 0;
    while (ok && pinned < array_count
            && (bases[pinned] = (*env)->GetPrimitiveArrayCritical(env, refs[pinned], NULL)) != NULL) {
        pinned++;
    }
    uint8_t *dst = ok && pinned == array_count ? (*env)->GetPrimitiveArrayCritical(env, out, NULL) : NULL;
    if (dst) {
        for (jint i = 0; i < count; i++) {
            in[i] = bases[lanes[3 * i]] + lanes[3 * i + 1];
        }
        fh_hash(isa, (uint8_t) prefix, (size_t) len, in, (size_t) count, digests);
        for (jint i = 0; i < count; i++) {
            memcpy(dst + lanes[3 * i + 2], digests + FH_DIGEST * i, FH_DIGEST);
        }
        (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    }
    while (pinned > 0) {
        pinned--;
        (*env)->ReleasePrimitiveArrayCritical(env, refs[pinned], bases[pinned], JNI_ABORT);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, lanes_array, lanes, JNI_ABORT);
    if (!ok) {
        throw_bounds(env, "native Blake2b: a lane's input or output is out of bounds");
    }
}
