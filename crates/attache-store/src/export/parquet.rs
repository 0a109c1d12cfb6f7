//! Events as a Parquet file: one row per event, the CSV columns with their natural types
//! (integers, floats, booleans, nullable strings), zstd-compressed. DuckDB, pandas/pyarrow
//! and Spark read it directly.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Float32Array, Int64Array, RecordBatch, StringArray, UInt32Array,
    UInt8Array,
};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::record::EventRecord;

/// Why a Parquet export failed.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    #[error("cannot create {path}: {source}")]
    Create {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write Parquet to {path}: {message}")]
    Write { path: String, message: String },
}

fn text(values: impl Iterator<Item = Option<String>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

/// Writes `events` to `path` (replacing it).
pub fn write_parquet(path: &Path, events: &[EventRecord]) -> Result<(), ParquetError> {
    let shown = path.display().to_string();
    let fail = |e: &dyn std::fmt::Display| ParquetError::Write {
        path: shown.clone(),
        message: e.to_string(),
    };
    let s = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        s("date", true),
        s("date_precision", false),
        s("date_end", true),
        s("source_code", true),
        s("source_sector", true),
        s("source_name", true),
        Field::new("source_rank", DataType::UInt8, true),
        s("target_code", true),
        s("target_sector", true),
        s("target_name", true),
        Field::new("target_rank", DataType::UInt8, true),
        s("cameo", false),
        s("plover", false),
        Field::new("quad_class", DataType::UInt8, false),
        Field::new("goldstein", DataType::Float32, false),
        s("modality", false),
        Field::new("background", DataType::Boolean, false),
        s("location", false),
        s("location_code", false),
        Field::new("num_mentions", DataType::UInt32, false),
        Field::new("num_articles", DataType::UInt32, false),
        Field::new("num_sources", DataType::UInt32, false),
        s("first_seen", true),
        s("last_seen", true),
        s("url", true),
        s("sentence", false),
    ]));
    let side = |e: &EventRecord, target: bool| {
        let a = if target { &e.target } else { &e.source };
        a.clone()
    };
    let name = |a: Option<attache_coder::ActorRef>| a.and_then(|a| a.name.or(a.org));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(events.iter().map(|e| e.id).collect::<Int64Array>()),
        text(events.iter().map(|e| e.date.clone())),
        text(events.iter().map(|e| Some(e.date_precision.clone()))),
        text(events.iter().map(|e| e.date_end.clone())),
        text(events.iter().map(|e| side(e, false).map(|a| a.code))),
        text(events.iter().map(|e| side(e, false).map(|a| a.sector))),
        text(events.iter().map(|e| name(side(e, false)))),
        Arc::new(events.iter().map(|e| e.source_rank).collect::<UInt8Array>()),
        text(events.iter().map(|e| side(e, true).map(|a| a.code))),
        text(events.iter().map(|e| side(e, true).map(|a| a.sector))),
        text(events.iter().map(|e| name(side(e, true)))),
        Arc::new(events.iter().map(|e| e.target_rank).collect::<UInt8Array>()),
        text(events.iter().map(|e| Some(e.cameo.clone()))),
        text(events.iter().map(|e| Some(e.plover.clone()))),
        Arc::new(
            events
                .iter()
                .map(|e| Some(e.quad_class))
                .collect::<UInt8Array>(),
        ),
        Arc::new(
            events
                .iter()
                .map(|e| Some(e.goldstein))
                .collect::<Float32Array>(),
        ),
        text(events.iter().map(|e| Some(e.modality.clone()))),
        Arc::new(
            events
                .iter()
                .map(|e| Some(e.background))
                .collect::<BooleanArray>(),
        ),
        text(events.iter().map(|e| Some(e.location.clone()))),
        text(events.iter().map(|e| Some(e.location_code.clone()))),
        Arc::new(
            events
                .iter()
                .map(|e| Some(e.num_mentions))
                .collect::<UInt32Array>(),
        ),
        Arc::new(
            events
                .iter()
                .map(|e| Some(e.num_articles))
                .collect::<UInt32Array>(),
        ),
        Arc::new(
            events
                .iter()
                .map(|e| Some(e.num_sources))
                .collect::<UInt32Array>(),
        ),
        text(events.iter().map(|e| e.first_seen.clone())),
        text(events.iter().map(|e| e.last_seen.clone())),
        text(events.iter().map(|e| e.url.clone())),
        text(events.iter().map(|e| Some(e.sentence.clone()))),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| fail(&e))?;
    let file = File::create(path).map_err(|source| ParquetError::Create {
        path: shown.clone(),
        source,
    })?;
    let level = ZstdLevel::try_new(3).map_err(|e| fail(&e))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(level))
        .build();
    let mut writer = ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| fail(&e))?;
    writer.write(&batch).map_err(|e| fail(&e))?;
    writer.close().map_err(|e| fail(&e))?;
    Ok(())
}
