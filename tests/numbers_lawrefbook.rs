//! Figures read from real regulations of lawrefbook, article by article: units, frequencies and
//! subjects as a reader of those articles names them.

#[path = "shared/mod.rs"]
mod shared;

use guize::numbers::{Quantity, UnitKind, extract};

/// The text of article `label` (第二十一条) of the lawrefbook file `name` under `folder`: its
/// first line and every line up to the next article.
fn article(folder: &str, name: &str, label: &str) -> String {
    let path = shared::path("corpora/lawrefbook/DLC").join(folder).join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        let heads_article = line.starts_with('第')
            && line
                .split_once('条')
                .is_some_and(|(n, _)| n.chars().skip(1).all(|c| "一二三四五六七八九十百零".contains(c)));
        if heads_article {
            if inside {
                break;
            }
            inside = line.starts_with(&format!("{label} "));
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert!(!out.is_empty(), "{label} not found in {name}");
    out
}

const SHANDONG: &str = "山东地方法规/地方性法规/山东";

fn figures(text: &str) -> Vec<Quantity> {
    extract(text)
}

/// X2: the temperature a heating regulation sets is a figure, written in Chinese or Arabic
/// numerals, with 摄氏度 or ℃, and both read as one unit.
#[test]
fn temperatures_are_figures() {
    let sd = article(SHANDONG, "山东省供热条例(2021-12-03).md", "第二十一条");
    let qd = article(SHANDONG, "青岛市供热条例(2017-12-01).md", "第三十一条");
    let temps = |text: &str| -> Vec<(f64, String, String)> {
        figures(text)
            .into_iter()
            .filter(|q| q.kind == UnitKind::Temperature)
            .map(|q| (q.value, q.unit, q.subject))
            .collect()
    };
    let sd = temps(&sd);
    assert!(
        sd.iter().any(|(v, u, s)| *v == 18.0 && u == "℃" && s.ends_with("最低温度")),
        "{sd:?}"
    );
    let qd = temps(&qd);
    let values: Vec<f64> = qd.iter().map(|t| t.0).collect();
    assert!(values.contains(&18.0) && values.contains(&10.0), "{qd:?}");
    assert!(qd.iter().all(|(_, u, _)| u == "℃"), "{qd:?}");
}
