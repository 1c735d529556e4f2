/*
 * JNI entry points of io.floe.encoding.rs.NativeRs. Java checks every bound before calling (NativeKernel,
 * NativeCodec); arrays are pinned with Get/ReleasePrimitiveArrayCritical for the span of one call only, and the
 * work array is a direct buffer, so nothing here allocates per call or keeps a reference after returning.
 */
#include <jni.h>
#include <stdlib.h>
#include "floe_rs.h"

static int field_ready;

JNIEXPORT jboolean JNICALL Java_io_floe_encoding_rs_NativeRs_supports(JNIEnv *env, jclass cls, jint isa) {
    (void) env; (void) cls;
    return isa >= 0 && isa < RS_ISA_COUNT && rs_cpu_supports(isa) ? JNI_TRUE : JNI_FALSE;
}

/* Called under a Java lock: copies the field tables once, then builds what the ISA needs. 0 on success. */
JNIEXPORT jint JNICALL Java_io_floe_encoding_rs_NativeRs_init(JNIEnv *env, jclass cls, jcharArray exp,
                                                             jcharArray log, jint isa) {
    (void) cls;
    if (!field_ready) {
        jchar *e = (*env)->GetPrimitiveArrayCritical(env, exp, NULL);
        jchar *l = e ? (*env)->GetPrimitiveArrayCritical(env, log, NULL) : NULL;
        if (l) {
            rs_init_field(e, l);
            (*env)->ReleasePrimitiveArrayCritical(env, log, l, JNI_ABORT);
            field_ready = 1;
        }
        if (e) {
            (*env)->ReleasePrimitiveArrayCritical(env, exp, e, JNI_ABORT);
        }
        if (!field_ready) {
            return -2;
        }
    }
    return rs_init_isa(isa);
}

JNIEXPORT void JNICALL Java_io_floe_encoding_rs_NativeRs_encodeChunk(JNIEnv *env, jclass cls, jint isa, jobject work,
        jint stride, jint len, jint k, jint m, jint c, jboolean high_rate) {
    (void) cls;
    uint8_t *w = (*env)->GetDirectBufferAddress(env, work);
    rs_encode_chunk(rs_engine_for(isa), w, (size_t) stride, (size_t) len, k, m, c, high_rate, NULL, NULL);
}

/* Throws `cls` with `msg` unless a JNI call already left an exception pending. */
static void throw_new(JNIEnv *env, const char *cls, const char *msg) {
    if (!(*env)->ExceptionCheck(env)) {
        (*env)->ThrowNew(env, (*env)->FindClass(env, cls), msg);
    }
}

/*
 * Local references to the count arrays of shards, each checked to hold at least min_len bytes: Java checked them,
 * but another thread may have swapped one since, and C must never read or write out of bounds. 0, or -1 with an
 * exception.
 */
static int fetch_arrays(JNIEnv *env, jobjectArray shards, jint count, jint min_len, jbyteArray *arrays) {
    for (int j = 0; j < count; j++) {
        arrays[j] = (*env)->GetObjectArrayElement(env, shards, j);
        if (!arrays[j] || (*env)->GetArrayLength(env, arrays[j]) < min_len) {
            throw_new(env, "java/lang/IllegalArgumentException", "a shard changed during encode");
            return -1;
        }
    }
    return 0;
}

/*
 * The arrays of one encode call, pinned: `ins` originals, then `outs` recovery arrays, each row pointing `offset`
 * bytes in. All arrays are fetched first (each at least min_len bytes), then pinned together (criticals may nest;
 * no other JNI call is made while they are held).
 */
typedef struct {
    JNIEnv *env;
    void **block;
    jbyteArray *arrays;
    uint8_t **rows;
    int ins, count, pinned;
    jint offset;
} pinned_rows;

/* Fetches and pins; 1 when every array is pinned, else 0 (an exception may be pending). Always unpin_rows after. */
static int pin_rows(JNIEnv *env, pinned_rows *p, jobjectArray originals, int ins, jobjectArray recovery, int outs,
                    jint min_len, jint offset) {
    p->env = env;
    p->ins = ins;
    p->count = ins + outs;
    p->pinned = 0;
    p->offset = offset;
    p->block = malloc((size_t) p->count * (sizeof(jbyteArray) + sizeof(uint8_t *)) + 1);
    if (!p->block || (*env)->PushLocalFrame(env, p->count + 1) != 0) {
        free(p->block);
        p->block = NULL;
        throw_new(env, "java/lang/OutOfMemoryError", "native encode buffers");
        return 0;
    }
    p->arrays = (jbyteArray *) p->block;
    p->rows = (uint8_t **) (p->block + p->count);
    if ((ins > 0 && fetch_arrays(env, originals, ins, min_len, p->arrays) != 0)
            || (outs > 0 && fetch_arrays(env, recovery, outs, min_len, p->arrays + ins) != 0)) {
        return 0;
    }
    while (p->pinned < p->count
            && (p->rows[p->pinned] = (*env)->GetPrimitiveArrayCritical(env, p->arrays[p->pinned], NULL))) {
        p->rows[p->pinned++] += offset;
    }
    return p->pinned == p->count;
}

/* Releases what pin_rows pinned, the originals without write-back, and frees its block. */
static void unpin_rows(pinned_rows *p) {
    if (!p->block) {
        return;
    }
    JNIEnv *env = p->env;
    while (p->pinned > 0) {
        p->pinned--;
        (*env)->ReleasePrimitiveArrayCritical(env, p->arrays[p->pinned], p->rows[p->pinned] - p->offset,
                                              p->pinned < p->ins ? JNI_ABORT : 0);
    }
    (*env)->PopLocalFrame(env, NULL);
    free(p->block);
    p->block = NULL;
}

/*
 * As encodeChunk, but with originals (or NULL) the first IFFT layer reads original i straight from originals[i] at
 * byte offset (nothing is loaded into the work array), and with recovery (or NULL) the last FFT layer writes
 * recovery j straight into recovery[j] at byte offset, which saves copying shards in and results out.
 */
JNIEXPORT void JNICALL Java_io_floe_encoding_rs_NativeRs_encodeChunkTo(JNIEnv *env, jclass cls, jint isa,
        jobject work, jint stride, jint len, jint k, jint m, jint c, jboolean high_rate, jobjectArray originals,
        jobjectArray recovery, jint offset) {
    (void) cls;
    uint8_t *w = (*env)->GetDirectBufferAddress(env, work);
    int ins = originals ? k : 0;
    pinned_rows p;
    if (pin_rows(env, &p, originals, ins, recovery, recovery ? m : 0, offset + len, offset)) {
        rs_encode_chunk(rs_engine_for(isa), w, (size_t) stride, (size_t) len, k, m, c, high_rate,
                        originals ? (const uint8_t *const *) p.rows : NULL, recovery ? p.rows + ins : NULL);
    }
    unpin_rows(&p);
}

/*
 * Encode of blocks [first, end) of shards made of symbols of s bytes, read from and written to the arrays in their
 * symbol layout (rs_encode_symbols; every array at least `bytes` long). Every array stays pinned for the whole
 * call, so Java keeps a call's work to a few milliseconds (a pinned array holds back the collector on some JDKs).
 */
JNIEXPORT void JNICALL Java_io_floe_encoding_rs_NativeRs_encodeSymbols(JNIEnv *env, jclass cls, jint isa,
        jobject work, jint stride, jint k, jint m, jint c, jboolean high_rate, jobjectArray originals,
        jobjectArray recovery, jint bytes, jint s, jint first, jint end) {
    (void) cls;
    uint8_t *w = (*env)->GetDirectBufferAddress(env, work);
    pinned_rows p;
    if (pin_rows(env, &p, originals, k, recovery, m, bytes, 0)) {
        rs_encode_symbols(rs_engine_for(isa), w, (size_t) stride, k, m, c, high_rate, p.rows, p.rows + k,
                          (size_t) s, (size_t) first, (size_t) end);
    }
    unpin_rows(&p);
}

JNIEXPORT void JNICALL Java_io_floe_encoding_rs_NativeRs_decodeChunk(JNIEnv *env, jclass cls, jint isa, jobject work,
        jint stride, jint len, jint n, jint end, jintArray in_logs, jintArray out_points, jintArray out_logs,
        jint out_count) {
    (void) cls;
    uint8_t *w = (*env)->GetDirectBufferAddress(env, work);
    jint *in = (*env)->GetPrimitiveArrayCritical(env, in_logs, NULL);
    jint *points = (*env)->GetPrimitiveArrayCritical(env, out_points, NULL);
    jint *logs = (*env)->GetPrimitiveArrayCritical(env, out_logs, NULL);
    if (in && points && logs) {
        rs_decode_chunk(rs_engine_for(isa), w, (size_t) stride, (size_t) len, n, end, in, points, logs, out_count);
    }
    if (logs) {
        (*env)->ReleasePrimitiveArrayCritical(env, out_logs, logs, JNI_ABORT);
    }
    if (points) {
        (*env)->ReleasePrimitiveArrayCritical(env, out_points, points, JNI_ABORT);
    }
    if (in) {
        (*env)->ReleasePrimitiveArrayCritical(env, in_logs, in, JNI_ABORT);
    }
}

/* One GfKernel region operation (op codes of NativeRs) on up to four pinned arrays. */
JNIEXPORT void JNICALL Java_io_floe_encoding_rs_NativeRs_region(JNIEnv *env, jclass cls, jint isa, jint op,
        jbyteArray a, jbyteArray b, jbyteArray c, jbyteArray d, jint off, jint len, jint l1, jint l2, jint l3) {
    (void) cls;
    jbyteArray arrays[4] = { a, b, c, d };
    uint8_t *p[4] = { 0 };
    int count = op >= 4 ? 4 : 2;
    int pinned = 0;
    while (pinned < count && (p[pinned] = (*env)->GetPrimitiveArrayCritical(env, arrays[pinned], NULL)) != NULL) {
        p[pinned] += off;
        pinned++;
    }
    if (pinned == count) {
        const rs_engine *e = rs_engine_for(isa);
        switch (op) {
            case 0: e->mul_add(p[0], p[1], (size_t) len, (unsigned) l1); break;
            case 1: e->mul(p[0], p[1], (size_t) len, (unsigned) l1); break;
            case 2: e->fft2(p, (const uint8_t *const *) p, 0, 1, (size_t) len, (unsigned) l1); break;
            case 3: e->ifft2(p, NULL, 0, 1, (size_t) len, (unsigned) l1); break;
            case 4:
                e->fft4(p, (const uint8_t *const *) p, 0, 1, (size_t) len, (unsigned) l1, (unsigned) l2, (unsigned) l3);
                break;
            case 5: e->ifft4(p, NULL, NULL, 0, 1, (size_t) len, (unsigned) l1, (unsigned) l2, (unsigned) l3); break;
            default: break;
        }
    }
    while (pinned > 0) {
        pinned--;
        (*env)->ReleasePrimitiveArrayCritical(env, arrays[pinned], p[pinned] - off, 0);
    }
}
