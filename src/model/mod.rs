//! What sopkit works on, before any stage touches it: the inputs as the
//! user writes them (an SOP definition, `sopkit.toml`, `keputusan.yaml`),
//! the dates and working time they are written in, and the procedure as a
//! resolved graph ([`flow`], what validation makes of a definition). Every
//! stage reads these types; none of them knows a stage.

pub mod address;
pub mod config;
pub mod decree;
pub mod flow;
pub mod ledger;
pub mod monev;
pub mod shared;
pub mod sop;
pub mod tanggal;
pub mod working_time;

pub use address::{DocumentAddress, OutputKind};
pub use config::{
    BukuConfig, Format, LaporanConfig, LevelBand, MutuColumn, Orientation, Paper, Profile, ProjectConfig, RisikoConfig,
    TteConfig, Unit, ZonaWaktu,
};
pub use decree::{DecreeDef, DecreeFormat, Diktum, Ditetapkan, HeadingRow, Lampiran, LampiranRow};
pub use ledger::{IssuedVersion, Ledger, Unaddressed};
pub use monev::{Evaluasi, Kriterium, MonevConfig, MonevDef, MonevPeriode, Pemantauan, Penilai, Penilaian};
pub use shared::{Jabatan, OneOrMany, RevisiBersama, SharedUse};
pub use sop::{
    Actors, Decision, Ending, Exit, ExitKey, Identity, Jenis, JenisSimbol, Langkah, Pejabat, Revisi, Simbol, SopDef,
    StepNumber, Target, Targets, YaTidak,
};
pub use tanggal::{BULAN, DayStyle, Tanggal};
pub use working_time::{HARI, Moment, WorkingTime};

/// Who signs a report or a monev document, as printed under the signature
/// box: the role names the box (`ttd_<peran>` fields).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Signer {
    pub peran: String,
    pub keterangan: Option<String>,
    pub jabatan: String,
    pub nama: String,
    pub nip: Option<String>,
    pub pangkat: Option<String>,
}
