/**
 * The form for picked files without a dataset.json: each raster's role and year, each role's
 * scale, offset, nodata and valid range, the zones file with its id and name properties, the
 * boundary and the climate table. Everything from the files is shown as text (never HTML).
 */
import { useMemo, useState } from 'react';
import type { RasterRole } from '../../io/guess/roleFromName';
import { download } from '../export/download';
import { draftToManifest, ROLE_LABEL, ROLES, type Draft, type DraftLayer } from './draft';

export interface ProposalFormProps {
  initial: Draft;
  onAnalyse: (manifestText: string, paths: Map<string, string>) => void;
  onCancel: () => void;
}

const LAYER_FIELDS: [keyof DraftLayer, string][] = [
  ['scale', 'Scale'],
  ['offset', 'Offset'],
  ['nodata', 'Nodata codes'],
  ['validMin', 'Valid min'],
  ['validMax', 'Valid max'],
];

export function ProposalForm({ initial, onAnalyse, onCancel }: ProposalFormProps) {
  const [d, setD] = useState<Draft>(initial);
  const out = useMemo(() => draftToManifest(d), [d]);
  const rolesUsed = ROLES.filter((r) => d.rasters.some((x) => x.role === r));
  const zonesVec = d.vectors.find((v) => v.path === d.zones);
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
  const text = JSON.stringify(out.manifest, null, 2) + '\n';

  return (
    <div className="proposal-backdrop">
      <form
        className="proposal"
        role="dialog"
        aria-label="Your dataset"
        onSubmit={(e) => {
          e.preventDefault();
          if (out.problems.length === 0) onAnalyse(text, out.paths);
        }}
      >
        <h2>Your dataset</h2>
        <p className="proposal-intro">Check what each file holds, fix what is wrong, then analyse. Nothing leaves your computer.</p>
        <label className="proposal-name">
          Name <input value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} aria-label="Dataset name" />
        </label>

        <table className="data-table proposal-files">
          <thead>
            <tr><th>File</th><th>Holds</th><th>Year</th><th>Values (sample)</th><th>Why</th></tr>
          </thead>
          <tbody>
            {d.rasters.map((r, i) => (
              <tr key={r.path} data-file={r.path} className={r.problem ? 'bad' : undefined}>
                <td className="file">{r.path}</td>
                <td>
                  <select
                    aria-label={`Role of ${r.path}`}
                    value={r.role}
                    onChange={(e) => {
                      const rasters = d.rasters.slice();
                      rasters[i] = { ...r, role: e.target.value as RasterRole | 'ignore' };
                      setD({ ...d, rasters });
                    }}
                  >
                    <option value="ignore">(leave out)</option>
                    {ROLES.map((x) => <option key={x} value={x}>{ROLE_LABEL[x]}</option>)}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Year of ${r.path}`}
                    className="year"
                    inputMode="numeric"
                    value={r.year ?? ''}
                    onChange={(e) => {
                      const rasters = d.rasters.slice();
                      const y = Number(e.target.value);
                      rasters[i] = { ...r, year: e.target.value.trim() && Number.isInteger(y) ? y : null };
                      setD({ ...d, rasters });
                    }}
                  />
                </td>
                <td className="num">{r.stats && r.stats.count > 0 ? `${fmt(r.stats.min)} … ${fmt(r.stats.max)} (${r.stats.dtype})` : r.stats ? 'no valid values' : '–'}</td>
                <td className="why">{r.problem ? <span className="file-problem">{r.path}: {r.problem}</span> : r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>

        {rolesUsed.length > 0 && (
          <fieldset className="proposal-layers">
            <legend>Values (stored × scale + offset; nodata and valid range in stored units)</legend>
            <table className="data-table">
              <thead>
                <tr><th></th>{LAYER_FIELDS.map(([, l]) => <th key={l}>{l}</th>)}</tr>
              </thead>
              <tbody>
                {rolesUsed.map((role) => (
                  <tr key={role}>
                    <th scope="row">{ROLE_LABEL[role]}</th>
                    {LAYER_FIELDS.map(([k, l]) => (
                      <td key={k}>
                        <input
                          aria-label={`${ROLE_LABEL[role]} ${l.toLowerCase()}`}
                          value={d.layers[role][k]}
                          onChange={(e) => setD({ ...d, layers: { ...d.layers, [role]: { ...d.layers[role], [k]: e.target.value } } })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
        )}

        <fieldset className="proposal-vectors">
          <legend>Zones, boundary and climate table</legend>
          <label>
            Zones{' '}
            <select aria-label="Zones file" value={d.zones ?? ''} onChange={(e) => setD({ ...d, zones: e.target.value || null })}>
              <option value="">(none)</option>
              {d.vectors.map((v) => <option key={v.path} value={v.path}>{v.path}</option>)}
            </select>
          </label>
          {d.zones && (
            <>
              <label>
                Zone id{' '}
                <select aria-label="Zone id property" value={d.idProperty} onChange={(e) => setD({ ...d, idProperty: e.target.value })}>
                  {(zonesVec?.properties ?? []).map((p) => <option key={p} value={p}>{p}</option>)}
                </select>
              </label>
              <label>
                Zone name{' '}
                <select aria-label="Zone name property" value={d.nameProperty} onChange={(e) => setD({ ...d, nameProperty: e.target.value })}>
                  {(zonesVec?.properties ?? []).map((p) => <option key={p} value={p}>{p}</option>)}
                </select>
              </label>
              {zonesVec && <span className="note">{zonesVec.features} feature{zonesVec.features === 1 ? '' : 's'}</span>}
            </>
          )}
          <label>
            Boundary{' '}
            <select aria-label="Boundary file" value={d.boundary ?? ''} onChange={(e) => setD({ ...d, boundary: e.target.value || null })}>
              <option value="">(none)</option>
              {d.vectors.map((v) => <option key={v.path} value={v.path}>{v.path}</option>)}
            </select>
          </label>
          <label>
            Climate table{' '}
            <select aria-label="Climate table" value={d.climateTable ?? ''} onChange={(e) => setD({ ...d, climateTable: e.target.value || null })}>
              <option value="">(none)</option>
              {d.tables.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
          {d.vectors.filter((v) => v.problem).map((v) => (
            <p key={v.path} className="file-problem">{v.path}: {v.problem}</p>
          ))}
        </fieldset>

        {out.problems.length > 0 && (
          <ul className="proposal-problems" data-testid="proposal-problems" aria-label="To fix before analysing">
            {out.problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        )}
        {out.notes.length > 0 && (
          <ul className="proposal-notes" data-testid="proposal-notes">
            {out.notes.map((p) => <li key={p}>{p}</li>)}
          </ul>
        )}
        <div className="proposal-buttons">
          <button type="submit" disabled={out.problems.length > 0}>Analyse</button>
          <button type="button" onClick={() => download(new Blob([text], { type: 'application/json' }), 'dataset.json')}>
            Save dataset.json
          </button>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
