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

/* True when every lane's input and output lie within their arrays (the lengths Java put in the table). */
static int lanes_in_bounds(const jint *table, jint count, jint array_count, jint len) {
    const jint *lengths = table + 3 * count;
    jint out_len = lengths[array_count];
    for (jint i = 0; i < count; i++) {
        jint a = table[3 * i], off = table[3 * i + 1], out_off = table[3 * i + 2];
        if (a < 0 || a >= array_count || off < 0 || off > lengths[a] - len
                || out_off < 0 || out_off > out_len - FH_DIGEST) {
            return 0;
        }
    }
    return 1;
}

/*
 * The arrays beyond the first as local references (the first comes as its own argument, so a batch over one array
 * makes no JNI call for it). 0, or -1 with an exception pending.
 */
static int fetch_others(JNIEnv *env, jobjectArray arrays, jint array_count, jbyteArray *refs) {
    for (jint j = 1; j < array_count; j++) {
        refs[j] = (*env)->GetObjectArrayElement(env, arrays, j);
        if (!refs[j]) {
            throw_bounds(env, "native Blake2b: null input array");
            return -1;
        }
    }
    return 0;
}

/*
 * Per call: one copy of the lane table, then the criticals (the first input array, the others, the output unless it
 * is the first), one fh_hash into a stack buffer, the copies out, and the releases: a handful of JNI calls whatever
 * the lane count.
 */
JNIEXPORT void JNICALL Java_io_floe_encoding_merkle_NativeLaneHasher_hash(JNIEnv *env, jclass cls, jint isa,
        jbyte prefix, jint len, jbyteArray first, jobjectArray arrays, jint array_count, jintArray table_array,
        jint count, jbyteArray out, jboolean in_place) {
    (void) cls;
    if (count <= 0) {
        return;
    }
    jint table[4 * MAX_LANES + 1];
    if (count > MAX_LANES || array_count <= 0 || array_count > count || len < 0 || !first
            || (*env)->GetArrayLength(env, table_array) < 3 * count + array_count + 1) {
        throw_bounds(env, "native Blake2b: batch arguments out of range");
        return;
    }
    (*env)->GetIntArrayRegion(env, table_array, 0, 3 * count + array_count + 1, table);
    if (!lanes_in_bounds(table, count, array_count, len)) {
        throw_bounds(env, "native Blake2b: a lane's input or output is out of bounds");
        return;
    }
    jbyteArray refs[MAX_LANES];
    refs[0] = first;
    if (fetch_others(env, arrays, array_count, refs) != 0) {
        return;
    }
    uint8_t digests[MAX_LANES * FH_DIGEST];
    const uint8_t *in[MAX_LANES];
    uint8_t *bases[MAX_LANES];
    jint pinned = 0;
    while (pinned < array_count
            && (bases[pinned] = (*env)->GetPrimitiveArrayCritical(env, refs[pinned], NULL)) != NULL) {
        pinned++;
    }
    uint8_t *dst = pinned < array_count ? NULL
        : in_place ? bases[0] : (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (dst) {
        for (jint i = 0; i < count; i++) {
            in[i] = bases[table[3 * i]] + table[3 * i + 1];
        }
        fh_hash(isa, (uint8_t) prefix, (size_t) len, in, (size_t) count, digests);
        for (jint i = 0; i < count; i++) {
            memcpy(dst + table[3 * i + 2], digests + FH_DIGEST * i, FH_DIGEST);
        }
        if (!in_place) {
            (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
        }
    }
    while (pinned > 0) {
        pinned--;
        jint mode = pinned == 0 && in_place ? 0 : JNI_ABORT;
        (*env)->ReleasePrimitiveArrayCritical(env, refs[pinned], bases[pinned], mode);
    }
}
