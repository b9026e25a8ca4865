//! The text primitives every stage shares, each defined once: Chinese numerals ([`numeral`]), what
//! a quantity is ([`quantity`]), width folding and the normalised form ([`fold`]), display width
//! ([`width`]), sentence boundaries ([`sentence`]) and character classes with the small measures
//! built on them ([`chars`]), the hasher of short keys ([`hash`]), and what a regulation's name looks like ([`name`]). Pure functions over `&str`; this module uses nothing else of the crate.

pub mod chars;
pub mod fold;
pub mod hash;
pub mod name;
pub mod numeral;
pub mod quantity;
pub mod sentence;
pub mod width;
