//! The peer benchmark's short version: its driver (`benches/peers/drive.rs`) against `krok
//! run` for a few seconds, so the benchmark cannot rot unnoticed. Speed is not asserted here;
//! `bash benches/peers/run` measures it.

use std::time::Duration;

use super::botapi::BotApi;
use super::peers_drive::drive;
use super::telegram::Krok;

#[test]
fn the_peer_benchmark_driver_runs_krok_through_its_dialog() {
    let api = BotApi::start(false);
    let replies = api.subscribe(true);
    let data = tempfile::tempdir().unwrap();
    let unlimited = [
        ("KROK_TELEGRAM_PER_SECOND", "0"),
        ("KROK_TELEGRAM_PER_CHAT_MS", "0"),
    ];
    let krok = Krok::start(&api, data.path(), &unlimited);
    api.send_text(1, "uk", "/start");
    replies
        .recv_timeout(Duration::from_secs(30))
        .expect("krok answers");
    let figures = drive(
        &api,
        &replies,
        krok.pid(),
        "krok",
        20,
        5,
        Duration::from_secs(3),
    );
    assert!(figures.updates >= 20, "{figures:?}");
    assert!(
        figures.p50_ms.is_finite() && figures.p99_ms >= figures.p50_ms,
        "{figures:?}"
    );
    assert!(
        figures.cpu_per_1000 > 0.0 && figures.peak_rss_mib > 1.0,
        "{figures:?}"
    );
    assert!(figures.server_cpu_share >= 0.0, "{figures:?}");
}
