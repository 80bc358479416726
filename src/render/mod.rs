//! Turning models into what people read: terminal text, HTML pages.
//! Renderers take plain data from the core and the sentences from
//! `messages`; they do no I/O.

pub mod chart_svg;
pub mod flatplan_rows;
pub mod html;
pub mod redline;
pub mod redline_html;
pub mod toc_html;
pub mod toc_text;
