//! Scores search against a gold file of queries with relevant and partially relevant articles:
//! recall@k and nDCG@k (relevant = 2, partial = 1). Takes an open index; returns numbers only.

use super::{Filter, RankParams, SearchIndex};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A gold file: `{"queries": [{"query": "…", "relevant": [["lixia", 39]], "partial": [...]}]}`.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    /// The queries with their answers.
    pub queries: Vec<GoldQuery>,
}

/// One question and the articles that answer it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuery {
    /// The query as a user would type it.
    pub query: String,
    /// Articles that answer it: (document id, article number).
    pub relevant: Vec<(String, u32)>,
    /// Articles that answer part of it.
    #[serde(default)]
    pub partial: Vec<(String, u32)>,
}

impl GoldFile {
    /// Reads a gold file.
    pub fn load(path: &Path) -> Result<GoldFile> {
        read_json(path)
    }
}

/// One query's scores.
#[derive(Debug, Clone, Serialize)]
pub struct QueryScore {
    /// The query.
    pub query: String,
    /// Share of the relevant articles in the top k.
    pub recall: f64,
    /// nDCG@k with relevant = 2, partial = 1.
    pub ndcg: f64,
    /// Relevant articles missing from the top k, as `doc:article`.
    pub missed: Vec<String>,
}

/// Mean scores over a gold file.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// How many hits were scored per query.
    pub k: usize,
    /// Mean recall@k.
    pub recall: f64,
    /// Mean nDCG@k.
    pub ndcg: f64,
    /// Each query's scores.
    pub queries: Vec<QueryScore>,
}

/// Runs every gold query and scores its top `k`.
pub fn evaluate(index: &SearchIndex, gold: &GoldFile, k: usize) -> Result<EvalReport> {
    evaluate_with(index, gold, k, &RankParams::default())
}

/// [`evaluate`] with the second stage's weights given, to check a choice of weights.
pub fn evaluate_with(
    index: &SearchIndex,
    gold: &GoldFile,
    k: usize,
    params: &RankParams,
) -> Result<EvalReport> {
    let mut queries = Vec::new();
    for g in &gold.queries {
        let report = index.search_with(&g.query, &Filter::default(), k, params)?;
        let ranked: Vec<(String, u32)> = report
            .hits
            .iter()
            .map(|h| (h.doc.to_string(), h.article))
            .collect();
        queries.push(score_query(g, &ranked, k));
    }
    let n = queries.len().max(1) as f64;
    Ok(EvalReport {
        k,
        recall: queries.iter().map(|q| q.recall).sum::<f64>() / n,
        ndcg: queries.iter().map(|q| q.ndcg).sum::<f64>() / n,
        queries,
    })
}

/// recall@k = relevant found in the top k / min(k, #relevant); nDCG@k with gains 2 and 1.
pub fn score_query(gold: &GoldQuery, ranked: &[(String, u32)], k: usize) -> QueryScore {
    let top = &ranked[..ranked.len().min(k)];
    let gain = |hit: &(String, u32)| -> f64 {
        if gold.relevant.contains(hit) {
            2.0
        } else if gold.partial.contains(hit) {
            1.0
        } else {
            0.0
        }
    };
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = top
        .iter()
        .enumerate()
        .map(|(i, h)| gain(h) * discount(i))
        .sum();
    let ideal_gains = std::iter::repeat_n(2.0, gold.relevant.len())
        .chain(std::iter::repeat_n(1.0, gold.partial.len()))
        .take(k);
    let idcg: f64 = ideal_gains.enumerate().map(|(i, g)| g * discount(i)).sum();
    let found = gold.relevant.iter().filter(|r| top.contains(r)).count();
    let wanted = gold.relevant.len().min(k).max(1);
    QueryScore {
        query: gold.query.clone(),
        recall: found.min(wanted) as f64 / wanted as f64,
        ndcg: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        missed: gold
            .relevant
            .iter()
            .filter(|r| !top.contains(r))
            .map(|(d, a)| format!("{d}:{a}"))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_empty_rankings() {
        let g = GoldQuery {
            query: "q".into(),
            relevant: vec![("a".into(), 1), ("b".into(), 2)],
            partial: vec![("c".into(), 3)],
        };
        let perfect = [
            ("a".to_string(), 1),
            ("b".to_string(), 2),
            ("c".to_string(), 3),
        ];
        let s = score_query(&g, &perfect, 10);
        assert!((s.recall - 1.0).abs() < 1e-9 && (s.ndcg - 1.0).abs() < 1e-9);
        let s = score_query(&g, &[("z".to_string(), 9)], 10);
        assert_eq!((s.recall, s.ndcg), (0.0, 0.0));
        let reversed = [
            ("c".to_string(), 3),
            ("b".to_string(), 2),
            ("a".to_string(), 1),
        ];
        let s = score_query(&g, &reversed, 10);
        assert!(s.ndcg < 1.0 && s.ndcg > 0.5 && (s.recall - 1.0).abs() < 1e-9);
    }
}

/// A topic gold file: `{"queries": [{"query": "常务会议", "defining": [["lixia", 39]]}]}`, the
/// usual name of a matter and the articles whose main matter it is.
#[derive(Debug, Clone, Deserialize)]
pub struct TopicGold {
    /// The topic queries.
    pub queries: Vec<TopicQuery>,
}

/// One topic query and the articles that define its matter.
#[derive(Debug, Clone, Deserialize)]
pub struct TopicQuery {
    /// The usual name of the matter.
    pub query: String,
    /// The articles whose main matter it is, as (document id, article number).
    pub defining: Vec<(String, u32)>,
}

impl TopicGold {
    /// Reads a topic gold file; a missing or malformed file is an error naming it.
    pub fn load(path: &Path) -> Result<TopicGold> {
        read_json(path)
    }
}

/// One topic query's score: the share of its k defining articles in the first k hits.
#[derive(Debug, Clone, Serialize)]
pub struct TopicScore {
    /// The query.
    pub query: String,
    /// The share of its k defining articles in the first k hits.
    pub r_precision: f64,
    /// Defining articles missing from the first k hits, as `doc:article`.
    pub missed: Vec<String>,
}

/// Mean R-precision over a topic gold file.
#[derive(Debug, Clone, Serialize)]
pub struct TopicReport {
    /// The mean over the queries.
    pub r_precision: f64,
    /// Each query's score, in gold order.
    pub queries: Vec<TopicScore>,
}

/// Runs every topic query with `params` and scores its first k hits, k being the number of its
/// defining articles (R-precision).
pub fn evaluate_topics(
    index: &SearchIndex,
    gold: &TopicGold,
    params: &RankParams,
) -> Result<TopicReport> {
    let mut queries = Vec::new();
    for q in &gold.queries {
        let k = q.defining.len().max(1);
        // A query of stop words alone finds nothing (and says so to a user): it scores 0 here
        // rather than ending the evaluation.
        let hits: Vec<(String, u32)> =
            match index.search_with(&q.query, &Filter::default(), k, params) {
                Ok(found) => found
                    .hits
                    .iter()
                    .map(|h| (h.doc.to_string(), h.article))
                    .collect(),
                Err(Error::NothingToSearch { .. }) => Vec::new(),
                Err(e) => return Err(e),
            };
        let missed: Vec<String> = q
            .defining
            .iter()
            .filter(|d| !hits.contains(d))
            .map(|(d, a)| format!("{d}:{a}"))
            .collect();
        queries.push(TopicScore {
            query: q.query.clone(),
            r_precision: (q.defining.len() - missed.len()) as f64 / k as f64,
            missed,
        });
    }
    let r_precision = if queries.is_empty() {
        0.0
    } else {
        queries.iter().map(|q| q.r_precision).sum::<f64>() / queries.len() as f64
    };
    Ok(TopicReport {
        r_precision,
        queries,
    })
}

/// A JSON gold file; a missing or malformed file is an error naming it (and the line).
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = crate::extract::read_file_capped(path).map_err(io)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    serde_json::from_str(&text).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        msg: e.to_string(),
    })
}
