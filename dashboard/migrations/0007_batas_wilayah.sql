-- Desa boundaries imported from the office's own file (kind `batas`: GeoJSON, zipped Shapefile or GeoPackage, e.g.
-- BIG's administrative boundaries). One row per desa of the database's kabupaten/kota, repaired, simplified like the
-- shipped polygons and in WGS84 (EPSG:4326); where present they replace the shipped desa polygons on the map. A newer
-- `batas` import replaces every row of its level.
create table batas_wilayah (
    import_id integer not null,
    kode varchar not null,         -- dotted desa code, e.g. 63.10.01.2001
    nama varchar not null,         -- the file's name for the desa (else the reference name)
    tingkat varchar not null,      -- 'desa'
    label_x double not null,       -- a point inside the polygon for its label (WGS84)
    label_y double not null,
    geometry_wkb blob not null     -- Polygon or MultiPolygon, WKB, WGS84
);
