//! The peer benchmark's plot: median and p99 reply latency against the number of people, one
//! line per bot, one panel per round trip; plain SVG, drawn here so it needs no library.

use std::fmt::Write;

use crate::drive::Figures;

const COLOURS: [&str; 6] = [
    "#0b3d91", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#7f8c8d",
];
const PANEL_W: f64 = 420.0;
const PANEL_H: f64 = 280.0;
const LEFT: f64 = 60.0;
const TOP: f64 = 40.0;

/// Latency (log scale) against people (one column per count), per bot, per round trip.
pub fn latency(figures: &[Figures]) -> String {
    let mut rtts: Vec<u64> = figures.iter().map(|f| f.rtt_ms).collect();
    rtts.sort_unstable();
    rtts.dedup();
    let mut users: Vec<usize> = figures.iter().map(|f| f.users).collect();
    users.sort_unstable();
    users.dedup();
    let mut bots: Vec<&str> = Vec::new();
    for f in figures {
        if !bots.contains(&f.bot.as_str()) {
            bots.push(&f.bot);
        }
    }
    let max = figures.iter().map(|f| f.p99_ms).fold(1.0, f64::max);
    let min = figures
        .iter()
        .map(|f| f.p50_ms)
        .filter(|v| *v > 0.0)
        .fold(max, f64::min)
        .max(0.1);
    let (lo, hi) = (
        min.log10().floor(),
        max.log10().ceil().max(min.log10().floor() + 1.0),
    );
    let width = LEFT + rtts.len() as f64 * (PANEL_W + LEFT) + 160.0;
    let height = TOP + PANEL_H + 60.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
    );
    for (panel, rtt) in rtts.iter().enumerate() {
        let x0 = LEFT + panel as f64 * (PANEL_W + LEFT);
        let x = |u: usize| {
            let i = users.iter().position(|v| *v == u).unwrap_or(0) as f64;
            x0 + 20.0 + i * (PANEL_W - 40.0) / (users.len().max(2) - 1) as f64
        };
        let y = |ms: f64| TOP + PANEL_H - (ms.max(1e-3).log10() - lo) / (hi - lo) * PANEL_H;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-weight=\"bold\">round trip {rtt} ms: reply latency \
             (solid p50, dashed p99)</text>",
            x0,
            TOP - 15.0
        );
        let _ = writeln!(
            svg,
            "<rect x=\"{x0}\" y=\"{TOP}\" width=\"{PANEL_W}\" height=\"{PANEL_H}\" fill=\"none\" stroke=\"#999\"/>"
        );
        for decade in lo as i32..=hi as i32 {
            let ms = 10f64.powi(decade);
            let label = if ms >= 1000.0 {
                format!("{} s", ms / 1000.0)
            } else {
                format!("{ms} ms")
            };
            let _ = writeln!(
                svg,
                "<line x1=\"{x0}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ddd\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{label}</text>",
                x0 + PANEL_W,
                x0 - 4.0,
                y(ms) + 4.0,
                y = y(ms)
            );
        }
        for u in &users {
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{u} people</text>",
                x(*u),
                TOP + PANEL_H + 18.0
            );
        }
        for (b, bot) in bots.iter().enumerate() {
            let colour = COLOURS[b % COLOURS.len()];
            let mut mine: Vec<&Figures> = figures
                .iter()
                .filter(|f| f.bot == *bot && f.rtt_ms == *rtt)
                .collect();
            mine.sort_by_key(|f| f.users);
            for (dash, pick) in [("", 0), (" stroke-dasharray=\"5 4\"", 1)] {
                let points: Vec<String> = mine
                    .iter()
                    .map(|f| {
                        let ms = if pick == 0 { f.p50_ms } else { f.p99_ms };
                        format!("{:.1},{:.1}", x(f.users), y(ms))
                    })
                    .collect();
                let _ = writeln!(
                    svg,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>",
                    points.join(" ")
                );
            }
        }
    }
    let legend_x = LEFT + rtts.len() as f64 * (PANEL_W + LEFT) - 20.0;
    for (b, bot) in bots.iter().enumerate() {
        let colour = COLOURS[b % COLOURS.len()];
        let ly = TOP + 10.0 + b as f64 * 20.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{legend_x}\" x2=\"{}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"3\"/>\
             <text x=\"{}\" y=\"{}\">{bot}</text>",
            legend_x + 24.0,
            legend_x + 30.0,
            ly + 4.0
        );
    }
    svg.push_str("</svg>\n");
    svg
}
