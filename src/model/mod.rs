//! The case's nouns: parties, claims, events, sources and free pages.
//!
//! These types carry no I/O and no rendering. `load` fills them from the files,
//! `resolve` checks every reference between them and assembles the `Case`,
//! `render` reads them. Relations stay ids (`Ref`), never pointers, so the
//! model is plain data that can be cached, compared and sent across threads.

pub(crate) mod asset;
pub(crate) mod date;
pub(crate) mod edition;
pub(crate) mod href;
pub(crate) mod language;

mod body;
mod entity;
mod id;
mod keywords;
mod kind;
mod relation;

pub(crate) use body::{Body, BodyLink, Heading, LinkTarget};
pub(crate) use entity::{
    Claim, ClaimData, Common, Correction, Document, Entity, EntityRef, Event, EventData, Overview,
    Page, PageData, Party, PartyData, Source, SourceData, OVERVIEW_ID,
};
pub(crate) use id::EntityId;
pub(crate) use keywords::{ClaimStatus, PartyKind, Role, SourceKind};
pub(crate) use kind::{EntityKind, PerKind};
pub(crate) use relation::{Ref, Relation};
