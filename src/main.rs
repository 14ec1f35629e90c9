//! The `krok` binary: parse the command line and hand over to [`krok::cli`].

fn main() -> std::process::ExitCode {
    krok::cli::main()
}

/// jemalloc instead of glibc's allocator (allocation was a quarter of the samples under load):
/// about a sixth less CPU per update, for 5-8 MiB more resident memory with the settings below
/// (BENCHMARKS.md, "jemalloc").
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts. Two arenas for two cores (one per thread would
/// keep each thread's freed pages apart), and freed pages handed back to the system within a
/// second instead of ten, so a burst does not stay resident.
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 47] = b"narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0\0";
