import { COMPLAINT_CATEGORIES, LAUNCHER_POSITIONS, type TLauncherPosition, type TRoutingRules, type TTeam } from '@kefu/shared';
import { useComplaintsText } from '../complaints/complaints-text';
import { useAdminText } from './admin-text';

/** Site form: which corner the launcher sits in, and the routing rules (VIP → team, complaint category → team). */
export function SiteRoutingFields(props: {
  launcher: TLauncherPosition;
  onLauncher: (p: TLauncherPosition) => void;
  rules: TRoutingRules;
  onRules: (r: TRoutingRules) => void;
  teams: readonly TTeam[];
}) {
  const { a } = useAdminText();
  const { c } = useComplaintsText();
  const r = props.rules;
  const teamOptions = [<option key="" value="">{a('sites.sameAsDefault')}</option>, ...props.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)];
  function setCategory(category: string, teamId: string) {
    const categoryTeams = { ...r.categoryTeams };
    if (teamId) categoryTeams[category] = teamId;
    else delete categoryTeams[category];
    props.onRules({ ...r, categoryTeams });
  }
  return (
    <>
      <fieldset class="hours-fieldset">
        <legend>{a('sites.launcher')}</legend>
        <div class="radio-row">
          {LAUNCHER_POSITIONS.map((p) => (
            <label key={p}><input type="radio" name="launcher" checked={props.launcher === p} onChange={() => props.onLauncher(p)} /> {a(`sites.launcher.${p}`)}</label>
          ))}
        </div>
      </fieldset>
      <fieldset class="hours-fieldset">
        <legend>{a('sites.routing')}</legend>
        <div class="form-grid">
          <label class="field"><span>{a('sites.vipTeam')}</span>
            <select value={r.vipTeamId ?? ''} onChange={(e) => props.onRules({ ...r, vipTeamId: e.currentTarget.value || null })}>{teamOptions}</select>
          </label>
          {COMPLAINT_CATEGORIES.map((cat) => (
            <label key={cat} class="field"><span>{a('sites.categoryTeam', { category: c(`c.category.${cat}`) })}</span>
              <select value={r.categoryTeams[cat] ?? ''} onChange={(e) => setCategory(cat, e.currentTarget.value)}>{teamOptions}</select>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
