"""geomap's reference data (curated gazetteer tables, borders, the shipped front line), installed as the
package `geomap.data` so that a wheel carries it; see the README in each folder for provenance."""
