//! Pure text → [`Regulation`](crate::model::Regulation): cleanup of extraction debris, headings,
//! Chinese numerals. Never panics, never does I/O.
