//! Exports of events to the formats other tools read: GDELT 2.0 event rows, PLOVER JSON,
//! CSV and JSON Lines (and Parquet with the `parquet` feature).

mod fips;
mod gdelt;
#[cfg(feature = "parquet")]
mod parquet;
mod plover;
mod table;

#[cfg(feature = "parquet")]
pub use self::parquet::{write_parquet, ParquetError};

pub use fips::fips_of;
pub use gdelt::{write_gdelt, GDELT_COLUMNS};
pub use plover::{plover_record, write_plover};
pub use table::{write_csv, write_jsonl, CSV_COLUMNS};
