//! One module per table: its migrations, its row type, and small typed read/write functions.

pub mod cases;
pub mod change_log;
pub mod children;
pub mod drafts;
pub mod meta;
pub mod parties;
pub mod review;
pub mod sync;
