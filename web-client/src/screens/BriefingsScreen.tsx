import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../api/gql';
import type { BriefingStatus } from '../api/gql/graphql';
import { useSession } from '../api/SessionContext';
import { canWriteIssues } from '../api/session';
import { Empty, QueryState } from '../components/States';
import { useFormat } from '../i18n/format';

const BriefingsQuery = graphql(`
  query Briefings($status: BriefingStatus) {
    briefings(status: $status, first: 50) {
      nodes { id title status scheduledStart host { id name } invitees { id } room { participants { person { id } } } }
    }
  }
`);

const CreateBriefing = graphql(`
  mutation CreateBriefing($input: CreateBriefingInput!) {
    createBriefing(input: $input) { briefing { id } errors { field code message } }
  }
`);

/** The briefings the viewer may enter, and for staff a form to schedule one. */
export function BriefingsScreen() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [status, setStatus] = useState<BriefingStatus | ''>('');
  const [result, reexecute] = useQuery({ query: BriefingsQuery, variables: { status: status || undefined },
    pause: !viewer.authenticated });
  const { dateTime: when } = useFormat();

  if (!viewer.authenticated) {
    return (
      <section className="screen">
        <h1>{t('briefing.title')}</h1>
        <Empty>{t('briefing.loginFirst')} <Link to="/login">{t('briefing.login')}</Link></Empty>
      </section>
    );
  }

  return (
    <section className="screen briefings">
      <h1>{t('briefing.title')}</h1>
      <label className="field">
        {t('briefing.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value as BriefingStatus | '')}>
          <option value="">{t('briefing.all')}</option>
          {(['SCHEDULED', 'LIVE', 'ENDED'] as const).map((s) => <option key={s} value={s}>{t(`briefing.statuses.${s}`)}</option>)}
        </select>
      </label>
      <QueryState result={result} retry={() => reexecute({ requestPolicy: 'network-only' })}
        isEmpty={(d) => d.briefings.nodes.length === 0}>
        {(data) => (
          <ul className="briefing-list">
            {data.briefings.nodes.map((b) => (
              <li key={b.id} data-briefing-id={b.id}>
                <Link to={`/briefings/${b.id}`}>{b.title}</Link>
                <span className={`badge status-${b.status.toLowerCase()}`}>{t(`briefing.statuses.${b.status}`)}</span>
                <span>{when(b.scheduledStart)}</span>
                <span>{t('briefing.hostedBy', { name: b.host.name })}</span>
                {b.room && <span>{t('briefing.present', { count: b.room.participants.length })}</span>}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {canWriteIssues(viewer) && <ScheduleForm onCreated={() => reexecute({ requestPolicy: 'network-only' })} />}
    </section>
  );
}

function ScheduleForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState('');
  const [start, setStart] = useState('');
  const [invitees, setInvitees] = useState('');
  const [agenda, setAgenda] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [state, create] = useMutation(CreateBriefing);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const items = agenda.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
      const [itemTitle, issueId] = line.split('|').map((part) => part.trim());
      return { title: itemTitle, issueId: issueId || undefined };
    });
    const result = await create({ input: {
      title, purpose: purpose || undefined,
      scheduledStart: start ? new Date(start).toISOString() : '',
      inviteeIds: invitees.split(/[\s,]+/).filter(Boolean),
      agenda: items,
    } });
    const payload = result.data?.createBriefing;
    if (result.error || !payload) {
      setErrors([result.error?.message ?? t('state.error')]);
    } else if (payload.errors.length > 0) {
      setErrors(payload.errors.map((e) => `${e.field.join('.')}: ${e.message}`));
    } else if (payload.briefing) {
      onCreated();
      navigate(`/briefings/${payload.briefing.id}`);
    }
  };

  return (
    <form className="panel schedule-form" onSubmit={submit} aria-label={t('briefing.schedule')}>
      <h2>{t('briefing.schedule')}</h2>
      <label className="field">{t('briefing.fields.title')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </label>
      <label className="field">{t('briefing.fields.purpose')}
        <textarea value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={2000} />
      </label>
      <label className="field">{t('briefing.fields.start')}
        <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />
      </label>
      <label className="field">{t('briefing.fields.invitees')}
        <input value={invitees} onChange={(e) => setInvitees(e.target.value)} placeholder="usr_..." />
      </label>
      <label className="field">{t('briefing.fields.agenda')}
        <textarea value={agenda} onChange={(e) => setAgenda(e.target.value)} placeholder={t('briefing.fields.agendaHint')} />
      </label>
      {errors.length > 0 && <ul className="form-errors" role="alert">{errors.map((e) => <li key={e}>{e}</li>)}</ul>}
      <button type="submit" className="button button-primary" disabled={state.fetching}>{t('briefing.create')}</button>
    </form>
  );
}
