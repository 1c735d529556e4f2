//! Times reed-solomon-simd encode/decode on one thread with thread CPU time.
//! usage: rsbench encode|decode K M SHARD_BYTES [SAMPLES] [SAMPLE_MS] [copy|borrow]
//! prints one line per sample: MB/s of source data (K x SHARD_BYTES) per CPU second.
//! copy (the default) copies every result shard (encode: the M recovery shards; decode: the restored originals) into
//! the caller's own buffers, as Walrus's encoder does with each recovery symbol (walrus-core blob_encoding.rs,
//! `copy_symbol_to`) and as Floe's ReedSolomon writes its results into the caller's arrays; borrow reads one byte of
//! the crate's result and leaves the rest in its internal work buffer, where it stays in cache between calls.
use reed_solomon_simd::{ReedSolomonDecoder, ReedSolomonEncoder};

#[repr(C)]
struct Timespec { sec: i64, nsec: i64 }
extern "C" { fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32; }
fn cpu_seconds() -> f64 {
    let mut t = Timespec { sec: 0, nsec: 0 };
    unsafe { clock_gettime(3, &mut t) }; // CLOCK_THREAD_CPUTIME_ID
    t.sec as f64 + t.nsec as f64 * 1e-9
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (op, k, m, s) = (a[1].as_str(), a[2].parse::<usize>().unwrap(), a[3].parse::<usize>().unwrap(), a[4].parse::<usize>().unwrap());
    let samples: usize = a.get(5).map(|x| x.parse().unwrap()).unwrap_or(7);
    let sample_s: f64 = a.get(6).map(|x| x.parse::<f64>().unwrap()).unwrap_or(500.0) / 1000.0;
    let mut seed: u64 = k as u64 * 0x9E3779B97F4A7C15 + 1;
    let originals: Vec<Vec<u8>> = (0..k).map(|_| (0..s).map(|_| { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; seed as u8 }).collect()).collect();
    let recovery = reed_solomon_simd::encode(k, m, &originals).unwrap();
    let drop = k.min(m);
    let copy = a.get(7).map(|x| x.as_str()) != Some("borrow");
    let mut out: Vec<Vec<u8>> = vec![vec![0u8; s]; m.max(k)];
    let mut enc = ReedSolomonEncoder::new(k, m, s).unwrap();
    let mut dec = ReedSolomonDecoder::new(k, m, s).unwrap();
    let mut run = |n: usize| -> usize {
        let mut sink = 0usize;
        for _ in 0..n {
            if op == "encode" {
                enc.reset(k, m, s).unwrap();
                for o in &originals { enc.add_original_shard(o).unwrap(); }
                let r = enc.encode().unwrap();
                if copy {
                    for (j, shard) in r.recovery_iter().enumerate() { out[j].copy_from_slice(shard); }
                    sink ^= std::hint::black_box(&out)[0][0] as usize;
                } else {
                    sink ^= r.recovery(0).unwrap()[0] as usize;
                }
            } else {
                dec.reset(k, m, s).unwrap();
                for i in drop..k { dec.add_original_shard(i, &originals[i]).unwrap(); }
                for j in 0..drop { dec.add_recovery_shard(j, &recovery[j]).unwrap(); }
                let r = dec.decode().unwrap();
                if copy {
                    for (i, shard) in r.restored_original_iter() { out[i].copy_from_slice(shard); }
                    sink ^= std::hint::black_box(&out)[0][0] as usize;
                } else {
                    sink ^= r.restored_original(0).unwrap()[0] as usize;
                }
            }
        }
        sink
    };
    // warm-up and calibration: iterations per sample
    let t0 = cpu_seconds(); let mut n = 1; run(1);
    while cpu_seconds() - t0 < 0.2 { run(n); n *= 2; }
    let per = (cpu_seconds() - t0) / (2 * n - 1) as f64;
    let iters = ((sample_s / per) as usize).max(1);
    for _ in 0..samples {
        let t = cpu_seconds(); let x = run(iters); let dt = cpu_seconds() - t;
        println!("{:.1}", (k * s * iters) as f64 / dt / 1e6 + (x & 0) as f64);
    }
}
