import { CONDITION_FIELDS, OPS, WEEKDAYS, type Condition, type Step } from './steps.ts';

const TRIGGER_EVENTS = [
  'FORM_SUBMITTED',
  'TAG_ADDED',
  'DEAL_WON',
  'DEAL_STAGE_CHANGED',
  'LIFECYCLE_STAGE_REACHED',
  'SEGMENT_JOINED',
];

/** The fields of one step's configuration, by its type. */
export function StepEditor({ step, onChange }: { step: Step; onChange: (s: Step) => void }) {
  const c = step.config;
  const set = (patch: Record<string, unknown>) => onChange({ ...step, config: { ...c, ...patch } });
  const text = (label: string, key: string, o: { area?: boolean; type?: string } = {}) => (
    <label className="step-editor__field">
      <span>{label}</span>
      {o.area ? (
        <textarea rows={4} value={String(c[key] ?? '')} onChange={(e) => set({ [key]: e.target.value })} />
      ) : (
        <input
          type={o.type ?? 'text'}
          value={String(c[key] ?? '')}
          onChange={(e) => set({ [key]: o.type === 'number' ? Number(e.target.value) : e.target.value })}
        />
      )}
    </label>
  );
  switch (step.type) {
    case 'SEND_EMAIL':
      return (
        <div className="step-editor">
          {text('Subject', 'subject')}
          {text('Body (merge fields like {{ contact.firstName }})', 'body', { area: true })}
          {text('Or a template id', 'templateId')}
        </div>
      );
    case 'WAIT':
      return (
        <div className="step-editor">
          <label className="step-editor__field">
            <span>Wait</span>
            <select value={String(c.mode)} onChange={(e) => set({ mode: e.target.value })}>
              <option value="DURATION">for a time</option>
              <option value="UNTIL_DATE">until a date</option>
              <option value="UNTIL_WEEKDAY">until a weekday and time (contact's time zone)</option>
              <option value="UNTIL_EVENT">until something happens</option>
            </select>
          </label>
          {(c.mode === 'DURATION' || c.mode === 'UNTIL_EVENT') &&
            text(c.mode === 'DURATION' ? 'Minutes (1440 = a day)' : 'Give up after (minutes)', 'minutes', {
              type: 'number',
            })}
          {c.mode === 'UNTIL_DATE' && text('Until (ISO date and time)', 'until')}
          {c.mode === 'UNTIL_WEEKDAY' && (
            <>
              <label className="step-editor__field">
                <span>Weekday</span>
                <select value={String(c.weekday ?? 1)} onChange={(e) => set({ weekday: Number(e.target.value) })}>
                  {WEEKDAYS.map((d, i) => (
                    <option key={d} value={i + 1}>
                      {d}
                    </option>
                  ))}
                </select>
              </label>
              {text('Time (HH:MM)', 'time')}
            </>
          )}
          {c.mode === 'UNTIL_EVENT' && (
            <label className="step-editor__field">
              <span>Event</span>
              <select value={String(c.event ?? '')} onChange={(e) => set({ event: e.target.value })}>
                <option value="">Choose…</option>
                {TRIGGER_EVENTS.map((ev) => (
                  <option key={ev} value={ev}>
                    {ev.toLowerCase().replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      );
    case 'BRANCH': {
      const conditions = (c.conditions as Condition[] | undefined) ?? [];
      const put = (i: number, patch: Partial<Condition>) =>
        set({ conditions: conditions.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
      return (
        <div className="step-editor">
          <label className="step-editor__field">
            <span>Yes when</span>
            <select value={String(c.match ?? 'ALL')} onChange={(e) => set({ match: e.target.value })}>
              <option value="ALL">every condition holds</option>
              <option value="ANY">any condition holds</option>
            </select>
          </label>
          {conditions.map((cond, i) => (
            <div key={i} className="step-editor__condition">
              <select
                aria-label="Source"
                value={cond.source}
                onChange={(e) => {
                  const source = e.target.value as Condition['source'];
                  put(i, { source, field: CONDITION_FIELDS[source][0]?.value ?? '' });
                }}
              >
                <option value="CONTACT">Contact</option>
                <option value="ENGAGEMENT">Engagement</option>
                <option value="TRIP">Trip data</option>
              </select>
              <select aria-label="Field" value={cond.field} onChange={(e) => put(i, { field: e.target.value })}>
                {CONDITION_FIELDS[cond.source].map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
              <select aria-label="Condition" value={cond.op} onChange={(e) => put(i, { op: e.target.value })}>
                {OPS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              {cond.op !== 'EXISTS' && cond.op !== 'NOT_EXISTS' && (
                <input
                  aria-label="Value"
                  value={String(cond.value ?? '')}
                  onChange={(e) => {
                    const v = e.target.value;
                    put(i, {
                      value:
                        v === 'true'
                          ? true
                          : v === 'false'
                            ? false
                            : v !== '' && !Number.isNaN(Number(v))
                              ? Number(v)
                              : v,
                    });
                  }}
                />
              )}
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => set({ conditions: conditions.filter((_, k) => k !== i) })}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() =>
              set({ conditions: [...conditions, { source: 'CONTACT', field: 'lifecycleStage', op: 'EQ', value: '' }] })
            }
          >
            Add condition
          </button>
        </div>
      );
    }
    case 'UPDATE_PROPERTY':
      return (
        <div className="step-editor">
          <label className="step-editor__field">
            <span>Change</span>
            <select value={String(c.field)} onChange={(e) => set({ field: e.target.value })}>
              <option value="addTag">add a tag</option>
              <option value="removeTag">remove a tag</option>
              <option value="lifecycleStage">lifecycle stage</option>
              <option value="leadStatus">lead status</option>
              <option value="customField">a custom field</option>
            </select>
          </label>
          {c.field === 'customField' && text('Custom field name', 'name')}
          {text('Value', 'value')}
        </div>
      );
    case 'CREATE_TASK':
      return (
        <div className="step-editor">
          {text('Title', 'title')}
          {text('Description', 'description', { area: true })}
          {text('Due in days', 'dueInDays', { type: 'number' })}
          {text("Assignee id (empty: the contact's owner)", 'assigneeId')}
        </div>
      );
    case 'NOTIFY_USER':
      return (
        <div className="step-editor">
          {text('Title', 'title')}
          {text('Message', 'body', { area: true })}
          {text("User id (empty: the contact's owner)", 'userId')}
        </div>
      );
    case 'ADD_TO_SEGMENT':
      return <div className="step-editor">{text('Static list id', 'segmentId')}</div>;
    case 'CALL_WEBHOOK':
      return <div className="step-editor">{text('URL (https, public; signed with X-Nexus-Signature)', 'url')}</div>;
    case 'ENROL_IN_SEQUENCE':
      return <div className="step-editor">{text('Sequence id', 'sequenceId')}</div>;
    case 'RANDOM_SPLIT':
      return (
        <div className="step-editor">
          {(step.paths ?? []).map((p, i) => (
            <label key={i} className="step-editor__field">
              <span>Path {String.fromCharCode(65 + i)} (%)</span>
              <input
                type="number"
                value={p.percent}
                onChange={(e) =>
                  onChange({
                    ...step,
                    paths: (step.paths ?? []).map((x, k) => (k === i ? { ...x, percent: Number(e.target.value) } : x)),
                  })
                }
              />
            </label>
          ))}
        </div>
      );
  }
}
