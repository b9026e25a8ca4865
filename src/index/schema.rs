//! Every field of the search index in one place: one tantivy document per article.
//! Takes nothing, returns the schema and its field handles; knows nothing of files or queries.

use crate::model::PartRef;
use crate::segment::{BigramTokenizer, Segmenter, WordTokenizer};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;

/// Bumped whenever fields (or the documents' record in the index's meta, or what the parser
/// stores in them: 8 for divisions numbered 一、 cited as written; 9 for sections one can
/// filter by and notes of deletion marked; 10 for chapters told apart by their place, as codes
/// with parts number them again in each part; 11 for a Markdown table's rows stored as
/// tab-separated cells, as a Word table's are; 12 for the city read from a title and the
/// articles of a document numbered as a list, 1. or （一）) change; part of the index fingerprint.
pub(crate) const SCHEMA_VERSION: u32 = 12;

/// The `kind` term of an article that only notes its deletion (`第十条 删除`:
/// [`crate::model::is_placeholder`]): no article type is written so, and searches leave such
/// articles out.
pub(crate) const DELETED_KIND: &str = "（已删除）";

/// Handles of the index's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// Document id (`lixia`), untokenized: filters and citations.
    pub doc: Field,
    /// District (历下区), stored only.
    pub district: Field,
    /// City (济南市), stored only.
    pub city: Field,
    /// Chapter number, stored for citations.
    pub chapter_number: Field,
    /// The chapter's place among its document's chapters, from 1, indexed for `--chapter`: a
    /// code with parts (刑法) numbers its chapters from 第一章 again in each part, so the number
    /// alone does not tell them apart.
    pub chapter_place: Field,
    /// Chapter title, searchable with the word tokenizer (a division numbered as a list item
    /// holds its heading as written, 四、附则: [`crate::model::ChapterRef::numbered_as_item`]).
    pub chapter_title: Field,
    /// Section title ("" when the article has none), stored only.
    pub section: Field,
    /// Section number within its chapter (0 outside any section), indexed for `--chapter 第一节`.
    pub section_number: Field,
    /// The parts (第X编, 第X分编) the article's chapter sits in, outermost first, one stored
    /// value each ([`part_value`]); none for a document without parts.
    pub parts: Field,
    /// Article number.
    pub article: Field,
    /// The article's label as its document writes it (第三十九条, 四十三、), stored for citations.
    pub label: Field,
    /// First and last source line of the article, stored for citations.
    pub line_start: Field,
    pub line_end: Field,
    /// Article text (normalised), words and sub-words with positions; stored for snippets.
    pub text: Field,
    /// The same text as character bigrams: phrases, exclusions and words the dictionary misses.
    pub bigrams: Field,
    /// The article text as written (１次, not 1次), stored only: what snippets show.
    pub written: Field,
    /// The article's standard types (立法目的, 适用范围 …; `corpus/article-types.tsv`), one
    /// untokenized term each: a query naming a type finds the articles of that type. A note of
    /// deletion has [`DELETED_KIND`] alone.
    pub kind: Field,
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = |stored: bool| {
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WordTokenizer::NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { opts.set_stored() } else { opts }
    };
    let bigram_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(BigramTokenizer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        doc: b.add_text_field("doc", STRING | STORED),
        district: b.add_text_field("district", STORED),
        city: b.add_text_field("city", STORED),
        chapter_number: b.add_u64_field("chapter_number", STORED),
        chapter_place: b.add_u64_field("chapter_place", INDEXED),
        chapter_title: b.add_text_field("chapter_title", words(true)),
        section: b.add_text_field("section", STORED),
        section_number: b.add_u64_field("section_number", INDEXED),
        parts: b.add_text_field("parts", STORED),
        article: b.add_u64_field("article", INDEXED | STORED),
        label: b.add_text_field("label", STORED),
        line_start: b.add_u64_field("line_start", STORED),
        line_end: b.add_u64_field("line_end", STORED),
        text: b.add_text_field("text", words(true)),
        bigrams: b.add_text_field("bigrams", bigram_opts),
        written: b.add_text_field("written", STORED),
        kind: b.add_text_field("kind", STRING),
    };
    (b.build(), fields)
}

/// A part as one stored value: `编` or `分编`, its number and its title, tab-separated
/// (titles hold no blanks: the parser squeezes them out).
pub(crate) fn part_value(part: &PartRef) -> String {
    let kind = if part.sub { "分编" } else { "编" };
    format!("{kind}\t{}\t{}", part.number, part.title)
}

/// The part a stored value ([`part_value`]) names; `None` for a value it did not write.
pub(crate) fn parse_part_value(value: &str) -> Option<PartRef> {
    let mut fields = value.splitn(3, '\t');
    let sub = match fields.next()? {
        "编" => false,
        "分编" => true,
        _ => return None,
    };
    let number = fields.next()?.parse().ok()?;
    let title = fields.next()?.to_string();
    Some(PartRef { sub, number, title })
}

/// Registers guize's tokenizers on an index; `words` segments text (the full dictionary when
/// writing, an index-vocabulary one when only reading).
pub(crate) fn register_tokenizers(index: &tantivy::Index, words: &'static Segmenter) {
    let manager = index.tokenizers();
    manager.register(
        WordTokenizer::NAME,
        TextAnalyzer::from(WordTokenizer::new(words)),
    );
    manager.register(
        BigramTokenizer::NAME,
        TextAnalyzer::from(BigramTokenizer::default()),
    );
}
