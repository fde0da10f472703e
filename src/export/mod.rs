//! What a site offers besides its pages: the search index, the calendar, the
//! case as data, structured data for search engines and share images.
//!
//! Each module is a pure writer: it takes plain records (borrowed from the
//! `Case` by `render`) and returns bytes, so each format is tested on its own,
//! by a parser of that format, without a site on disk.

pub(crate) mod calendar;
pub(crate) mod case_data;
pub(crate) mod search;
pub(crate) mod share_image;
pub(crate) mod structured;
