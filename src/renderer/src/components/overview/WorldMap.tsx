// Leads by country on a world map: the shapes ship with the app (world-atlas, 1:110m), drawn with d3-geo
// into plain SVG, so it works offline and needs no tile server. A country with leads is a button.
import { useMemo, type KeyboardEvent } from 'react';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import { countryLeads } from '../../countries';
import { NUMERIC_TO_ALPHA2, UNNUMBERED_TO_ALPHA2 } from './mapCodes';

const WIDTH = 800;
const HEIGHT = 390;

interface Shape {
  key: string;
  code: string | null;
  d: string;
}

let shapes: Shape[] | null = null;

/** The projected outlines, computed once: the map's size is fixed, the SVG scales. */
function worldShapes(): Shape[] {
  if (shapes) return shapes;
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  // Antarctica takes a fifth of the height and has no leads.
  const land = countries.features.filter((f) => f.id !== '010');
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'FeatureCollection', features: land });
  const path = geoPath(projection);
  shapes = land.map((f: Feature<Geometry, { name: string }>, i) => ({
    key: `${String(f.id ?? '')}-${i}`,
    code: NUMERIC_TO_ALPHA2[String(f.id)] ?? UNNUMBERED_TO_ALPHA2[f.properties.name] ?? null,
    d: path(f) ?? '',
  }));
  return shapes;
}

interface Props {
  countries: ReadonlyArray<{ countryCode: string; leads: number }>;
  onSelect: (countryCode: string) => void;
}

/** The share of the most leads a country has, as a fill: a square root, so small counts still show. */
function shade(leads: number, most: number): string {
  const share = most > 0 ? Math.sqrt(leads / most) : 0;
  return `color-mix(in srgb, var(--accent) ${Math.round(15 + share * 85)}%, var(--surface))`;
}

export function WorldMap({ countries, onSelect }: Props) {
  const leadsByCode = useMemo(() => new Map(countries.map((c) => [c.countryCode, c.leads])), [countries]);
  const most = countries.reduce((max, c) => Math.max(max, c.leads), 0);
  const all = worldShapes();

  const onKey = (event: KeyboardEvent, code: string) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect(code);
  };

  return (
    <svg
      className="world-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="group"
      aria-label="Leads on a world map"
    >
      {all.map((shape) => {
        const leads = shape.code ? (leadsByCode.get(shape.code) ?? 0) : 0;
        if (!shape.code || leads === 0) {
          return <path key={shape.key} d={shape.d} className="map-land" aria-hidden="true" />;
        }
        const code = shape.code;
        const label = countryLeads(code, leads);
        return (
          <path
            key={shape.key}
            d={shape.d}
            className="map-country"
            style={{ fill: shade(leads, most) }}
            role="button"
            tabIndex={0}
            aria-label={label}
            data-country={code}
            onClick={() => onSelect(code)}
            onKeyDown={(event) => onKey(event, code)}
          >
            <title>{label}</title>
          </path>
        );
      })}
    </svg>
  );
}
