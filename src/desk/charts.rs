//! The demand figures as horizontal bar charts in SVG, drawn on the server: they print and
//! need no script. Every count below the anonymity threshold is shown as `<N` and drawn as no
//! bar, as `krok stats` shows it; a chart is a picture with a title and its figures also stand
//! in the table under it.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::stats::{Figure, shown};

const WIDTH: u32 = 640;
const LABEL: u32 = 200;
const BAR: u32 = 340;
const ROW: u32 = 24;

/// One chart: its title, and its rows (label, count) in the order to draw.
pub struct Chart {
    pub title: String,
    pub rows: Vec<(String, u64)>,
}

/// The charts of a period: starts per day, by platform, language and referral tag; steps and
/// services reached (the twelve most); crisis answers by platform; bookings and cancellations.
/// `names` says what a counter's label is for people (a step's title for its id).
pub fn charts(
    figures: &[Figure],
    titles: &dyn Fn(&'static str) -> String,
    names: &dyn Fn(&str, &str) -> String,
) -> Vec<Chart> {
    let mut per_day: BTreeMap<String, u64> = BTreeMap::new();
    for f in figures.iter().filter(|f| f.counter == "started-platform") {
        *per_day.entry(f.date.to_string()).or_default() += f.count;
    }
    let mut out = vec![Chart {
        title: titles("desk-chart-per-day"),
        rows: per_day.into_iter().collect(),
    }];
    for (counter, id, most) in [
        ("started-platform", "desk-chart-platform", usize::MAX),
        ("started-lang", "desk-chart-lang", usize::MAX),
        ("started-tag", "desk-chart-tag", 12),
        ("node", "desk-chart-node", 12),
        ("service", "desk-chart-service", 12),
        ("crisis", "desk-chart-crisis", usize::MAX),
        ("booked", "desk-chart-booked", usize::MAX),
        ("cancelled", "desk-chart-cancelled", usize::MAX),
    ] {
        let rows = totals(figures, counter, most)
            .into_iter()
            .map(|(label, count)| (names(counter, &label), count))
            .collect();
        out.push(Chart {
            title: titles(id),
            rows,
        });
    }
    out
}

/// A counter's totals over the period by label, largest first, at most `most`.
fn totals(figures: &[Figure], counter: &str, most: usize) -> Vec<(String, u64)> {
    let mut by_label: BTreeMap<&str, u64> = BTreeMap::new();
    for f in figures.iter().filter(|f| f.counter == counter) {
        *by_label.entry(&f.label).or_default() += f.count;
    }
    let mut rows: Vec<(String, u64)> = by_label
        .into_iter()
        .map(|(l, c)| (l.to_owned(), c))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(most);
    rows
}

/// The chart as an SVG element; `none` is what an empty chart says.
pub fn svg(chart: &Chart, threshold: u64, none: &str) -> String {
    let visible = |c: u64| if c < threshold { 0 } else { c };
    let max = chart
        .rows
        .iter()
        .map(|(_, c)| visible(*c))
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * (chart.rows.len().max(1) as u32) + 8;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape(&chart.title)
    );
    if chart.rows.is_empty() {
        let _ = write!(
            out,
            "<text x=\"0\" y=\"18\" font-size=\"14\">{}</text>",
            escape(none)
        );
    }
    for (i, (label, count)) in chart.rows.iter().enumerate() {
        let y = ROW * i as u32 + 4;
        let width = (visible(*count) * u64::from(BAR) / max) as u32;
        let text = shown(*count, threshold);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"end\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{y}\" width=\"{width}\" height=\"{}\" fill=\"#0b3d91\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\">{}</text>",
            LABEL - 8,
            y + 15,
            escape(&fitted(label)),
            ROW - 6,
            LABEL + width + 6,
            y + 15,
            escape(&text),
        );
    }
    out.push_str("</svg>");
    out
}

/// A label as the chart's left column holds it: a service's name without its Polish name in
/// brackets, cut with "…" past what fits (the table under the chart has it whole).
fn fitted(label: &str) -> String {
    const FITS: usize = 28;
    let short = label
        .split(" (")
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(label);
    if short.chars().count() <= FITS {
        return short.to_owned();
    }
    let cut: String = short.chars().take(FITS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn escape(text: &str) -> String {
    crate::adapters::escape_html(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_below_the_threshold_has_no_bar_and_reads_as_below_it() {
        let chart = Chart {
            title: "T <&>".into(),
            rows: vec![("telegram".into(), 12), ("matrix".into(), 3)],
        };
        let svg = svg(&chart, 5, "none");
        assert!(svg.contains("<title>T &lt;&amp;&gt;</title>"));
        assert!(
            svg.contains(&format!("width=\"{BAR}\"")),
            "the largest fills the bar"
        );
        assert!(svg.contains("width=\"0\""), "a hidden count draws nothing");
        assert!(svg.contains(">&lt;5<"));
        assert!(!svg.contains(">3<"), "the hidden count is not written");
    }
}
