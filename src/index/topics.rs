//! What the clause groups say about each article, for the search's second stage: an article
//! whose counterparts in other documents name a matter in their opening sentence is about that
//! matter even when its own wording differs (宏观调控 where the others say 经济调节).
//!
//! Derived from the alignment and stored beside the index generation (`topics.cache`, written
//! aside and renamed in like the other caches, same header line). Only multi-document groups are
//! kept, each as its label and each member's (document, article, opening sentence). The file is
//! read by positioned reads: a sorted table of article keys, a table of group offsets, then the
//! groups as JSON; a search reads the entries of its pool's hits only, so its cost does not grow
//! with the corpus.

use super::cache::{Place, header_line, persist_in};
use crate::align::Alignment;
use crate::model::Regulation;
use crate::text::sentence::{is_statement_end, statement_spans};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::{Arc, Mutex};

const TOPICS_FILE: &str = "topics.cache";

/// Characters kept of a member's opening sentence.
const OPENING_CHARS: usize = 80;

/// One multi-document clause group as the search sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTopic {
    /// The group's label (常务会议·组成).
    pub label: String,
    /// Each member: document id, article number, opening sentence (normalised text).
    pub members: Vec<(String, u32, String)>,
}

/// The opening statement of an article (`text::sentence::statement_spans`, as the rerank cuts
/// the hit's own), at most 80 characters.
pub fn opening(text: &str) -> &str {
    let first = statement_spans(text)
        .into_iter()
        .map(|s| text[s].trim_end_matches(is_statement_end))
        .find(|s| !s.trim().is_empty())
        .unwrap_or("");
    let end = first
        .char_indices()
        .nth(OPENING_CHARS)
        .map_or(first.len(), |(i, _)| i);
    &first[..end]
}

fn key(doc: &str, article: u32) -> u64 {
    let mut h = blake3::Hasher::new();
    h.update(doc.as_bytes());
    h.update(&[0]);
    h.update(&article.to_le_bytes());
    let bytes = h.finalize();
    let mut k = [0u8; 8];
    k.copy_from_slice(&bytes.as_bytes()[..8]);
    u64::from_le_bytes(k)
}

/// The groups of `alignment` with two documents or more, as stored. A group fused from
/// neighbouring groups (`Group::parts`) is stored as its parts: each part names one matter, and
/// the rerank reads a hit's group as the matter its counterparts name.
pub fn group_topics(docs: &[Regulation], alignment: &Alignment) -> Vec<GroupTopic> {
    let by_id: HashMap<&str, &Regulation> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let matters = alignment.groups.iter().flat_map(|g| {
        let whole = std::iter::once((&g.label, &g.members)).filter(|_| g.parts.is_empty());
        whole.chain(g.parts.iter().map(|p| (&p.label, &p.members)))
    });
    matters
        .filter(|(_, members)| members.len() >= 2)
        .map(|(label, members)| GroupTopic {
            label: label.clone(),
            members: members
                .iter()
                .flat_map(|(doc, ns)| ns.iter().map(move |&n| (doc, n)))
                .map(|(doc, n)| {
                    let text = by_id
                        .get(doc.as_str())
                        .and_then(|d| d.article(n))
                        .map_or("", |a| if a.norm.is_empty() { &a.text } else { &a.norm });
                    (doc.to_string(), n, opening(text).to_string())
                })
                .collect(),
        })
        .collect()
}

/// Stores the group topics of `alignment` (of the corpus `docs`, from which `place`'s index was
/// built) beside the generation. Best effort, like the alignment cache.
pub fn store_topics(
    place: &Place,
    docs: &[Regulation],
    alignment: &Alignment,
) -> std::io::Result<()> {
    let groups = group_topics(docs, alignment);
    let mut keys: Vec<(u64, u64)> = Vec::new();
    let mut blobs: Vec<Vec<u8>> = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        for (doc, n, _) in &g.members {
            keys.push((key(doc, *n), i as u64));
        }
        blobs.push(serde_json::to_vec(g).map_err(std::io::Error::from)?);
    }
    keys.sort_unstable();
    let header = header_line(place);
    persist_in(&place.generation, TOPICS_FILE, |out| {
        out.write_all(&header)?;
        out.write_all(&(keys.len() as u64).to_le_bytes())?;
        out.write_all(&(blobs.len() as u64).to_le_bytes())?;
        for (k, g) in &keys {
            out.write_all(&k.to_le_bytes())?;
            out.write_all(&g.to_le_bytes())?;
        }
        let mut offset = 0u64;
        for b in &blobs {
            out.write_all(&offset.to_le_bytes())?;
            out.write_all(&(b.len() as u64).to_le_bytes())?;
            offset += b.len() as u64;
        }
        for b in &blobs {
            out.write_all(b)?;
        }
        Ok(())
    })
}

/// True when group topics are stored at `place` for this build.
pub fn has_topics(place: &Place) -> bool {
    StoredTopics::open(place).is_some()
}

/// The group topics of a corpus: stored beside a generation and read entry by entry, or held in
/// memory (a process that has the alignment already, such as `guize serve`).
#[derive(Debug)]
pub enum Topics {
    /// Read from `topics.cache`.
    Stored(StoredTopics),
    /// Made from an alignment in this process, by (document, article).
    InMemory(HashMap<(String, u32), Arc<GroupTopic>>),
}

impl Topics {
    /// The topics stored at `place`, when there are some for this index and build.
    pub fn open(place: &Place) -> Option<Topics> {
        StoredTopics::open(place).map(Topics::Stored)
    }

    /// The topics of `alignment` (of the corpus `docs`), held in memory.
    pub fn of(docs: &[Regulation], alignment: &Alignment) -> Topics {
        let mut map = HashMap::new();
        for g in group_topics(docs, alignment) {
            let g = Arc::new(g);
            for (doc, n, _) in &g.members {
                map.insert((doc.clone(), *n), g.clone());
            }
        }
        Topics::InMemory(map)
    }

    /// The multi-document group holding `doc`'s article, if any. `seen` keeps the groups read
    /// during one search, so that a stored group is read once.
    pub fn group_of(
        &self,
        doc: &str,
        article: u32,
        seen: &mut HashMap<u64, Option<Arc<GroupTopic>>>,
    ) -> Option<Arc<GroupTopic>> {
        match self {
            Topics::Stored(t) => t.group_of(doc, article, seen),
            Topics::InMemory(map) => map.get(&(doc.to_string(), article)).cloned(),
        }
    }
}

/// The group topics stored beside one generation, read entry by entry.
#[derive(Debug)]
pub struct StoredTopics {
    file: Mutex<File>,
    keys_at: u64,
    n_keys: u64,
    groups_at: u64,
    n_groups: u64,
    blobs_at: u64,
}

impl StoredTopics {
    /// The topics stored at `place`, when there are some for this index and build.
    pub fn open(place: &Place) -> Option<StoredTopics> {
        let mut file = File::open(place.generation.join(TOPICS_FILE)).ok()?;
        let header = header_line(place);
        let mut head = vec![0u8; header.len() + 16];
        file.read_exact(&mut head).ok()?;
        if head[..header.len()] != header[..] {
            return None;
        }
        let n = |at: usize| -> Option<u64> {
            Some(u64::from_le_bytes(head.get(at..at + 8)?.try_into().ok()?))
        };
        let n_keys = n(header.len())?;
        let n_groups = n(header.len() + 8)?;
        let keys_at = header.len() as u64 + 16;
        let groups_at = keys_at.checked_add(n_keys.checked_mul(16)?)?;
        let blobs_at = groups_at.checked_add(n_groups.checked_mul(16)?)?;
        let len = file.metadata().ok()?.len();
        if blobs_at > len {
            return None;
        }
        Some(StoredTopics {
            file: Mutex::new(file),
            keys_at,
            n_keys,
            groups_at,
            n_groups,
            blobs_at,
        })
    }

    fn pair(file: &mut File, at: u64) -> Option<(u64, u64)> {
        let mut b = [0u8; 16];
        file.seek(SeekFrom::Start(at)).ok()?;
        file.read_exact(&mut b).ok()?;
        let (x, y) = b.split_at(8);
        Some((
            u64::from_le_bytes(x.try_into().ok()?),
            u64::from_le_bytes(y.try_into().ok()?),
        ))
    }

    /// The group index of an article, by binary search over the sorted keys.
    fn group_index(&self, file: &mut File, doc: &str, article: u32) -> Option<u64> {
        let k = key(doc, article);
        let (mut lo, mut hi) = (0u64, self.n_keys);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (mk, g) = Self::pair(file, self.keys_at + mid * 16)?;
            match mk.cmp(&k) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(g),
            }
        }
        None
    }

    fn group_of(
        &self,
        doc: &str,
        article: u32,
        seen: &mut HashMap<u64, Option<Arc<GroupTopic>>>,
    ) -> Option<Arc<GroupTopic>> {
        let mut file = self.file.lock().ok()?;
        let g = self.group_index(&mut file, doc, article)?;
        if g >= self.n_groups {
            return None;
        }
        if let Some(t) = seen.get(&g) {
            return t.clone();
        }
        let read = |file: &mut File| -> Option<Arc<GroupTopic>> {
            let (offset, len) = Self::pair(file, self.groups_at + g * 16)?;
            let mut blob = vec![0u8; usize::try_from(len).ok()?];
            file.seek(SeekFrom::Start(self.blobs_at.checked_add(offset)?))
                .ok()?;
            file.read_exact(&mut blob).ok()?;
            let t: GroupTopic = serde_json::from_slice(&blob).ok()?;
            // A key collision is not a membership.
            t.members
                .iter()
                .any(|(d, n, _)| d == doc && *n == article)
                .then(|| Arc::new(t))
        };
        let t = read(&mut file);
        seen.insert(g, t.clone());
        t
    }
}
