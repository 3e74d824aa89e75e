/**
 * The Set up now page: reads the link token from /setup/<token>, opens (or, in the same tab, continues) a
 * wizard session, and shows one view at a time. Each step gets a browser history entry (#role, #company, ...)
 * so Back and Forward move between steps; the answers live on the server and are re-read on every move.
 * The session token is kept in sessionStorage under the link token: a reload continues, a new tab starts over.
 */
import { ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import {
  ApiError,
  CaseKind,
  Confirmation,
  isActive,
  Session,
  SessionEnd,
  SetupApi,
  SetupLinkInfo,
  StepPayload,
  SupportedCountry,
  UserError,
  WizardStep,
} from './api';
import { LanguageMenu } from './components/LanguageMenu';
import { LeaveSetup } from './components/LeaveSetup';
import { Progress } from './components/Progress';
import { useI18n } from './i18n';
import { DelegatedPage } from './pages/DelegatedPage';
import { EndedPage, Ending } from './pages/EndedPage';
import { FailedPage, Failure } from './pages/FailedPage';
import { LinkProblem, LinkProblemPage } from './pages/LinkProblemPage';
import { ReportedPage } from './pages/ReportedPage';
import { reachable, slugOf, stepAfter, stepOfSlug } from './path';
import { CustomerAdminStep } from './steps/CustomerAdminStep';
import { CustomerCompanyStep } from './steps/CustomerCompanyStep';
import { CustomerOrgStep } from './steps/CustomerOrgStep';
import { DoneStep } from './steps/DoneStep';
import { PartnerOrgStep } from './steps/PartnerOrgStep';
import { ReviewStep } from './steps/ReviewStep';
import { RoleStep } from './steps/RoleStep';
import { SetupPerformerStep } from './steps/SetupPerformerStep';
import { Wizard, WizardContext } from './wizard';

type View =
  | { kind: 'loading' }
  | { kind: 'link'; status: LinkProblem }
  | { kind: 'step'; step: WizardStep }
  | { kind: 'done'; confirmation: Confirmation }
  | { kind: 'delegated'; email: string }
  | { kind: 'reported'; caseKind: CaseKind; returnTo: WizardStep }
  | { kind: 'ended'; reason: Ending }
  | { kind: 'failed'; reason: Failure };

/** Refusals that mean the link no longer opens the wizard, and the link page that says why. */
const LINK_REFUSALS: Record<string, LinkProblem> = {
  INVALID_LINK: 'INVALID',
  LINK_REVOKED: 'REVOKED',
  LINK_EXPIRED: 'EXPIRED',
  ORDER_ALREADY_MAPPED: 'ALREADY_MAPPED',
  ORDER_CLOSED: 'CLOSED',
};

const STEPS: Record<Exclude<WizardStep, 'DONE'>, () => ReactNode> = {
  ROLE: () => <RoleStep />,
  SETUP_PERFORMER: () => <SetupPerformerStep />,
  PARTNER_ORG: () => <PartnerOrgStep />,
  CUSTOMER_ADMIN: () => <CustomerAdminStep />,
  CUSTOMER_COMPANY: () => <CustomerCompanyStep />,
  CUSTOMER_ORG: () => <CustomerOrgStep />,
  CONFIRM: () => <ReviewStep />,
};

/** The link token in /setup/<token>; null when there is none or it is not a well-formed URL segment (/setup/%%%). */
function linkTokenOf(pathname: string): string | null {
  const found = /\/setup\/([^/?#]+)/.exec(pathname);
  try {
    return found ? decodeURIComponent(found[1]) : null;
  } catch {
    return null;
  }
}

function stepInUrl(): WizardStep | null {
  return stepOfSlug(window.location.hash.slice(1));
}

export function App() {
  const { t, tIdents, language } = useI18n();
  const linkToken = useMemo(() => linkTokenOf(window.location.pathname), []);
  const storageKey = `wxcc-setup:session:${linkToken}`;
  const languageRef = useRef(language);
  languageRef.current = language;
  const sessionToken = useRef<string | null>(linkToken ? sessionStorage.getItem(storageKey) : null);
  const api = useMemo(
    () =>
      new SetupApi(
        '/graphql',
        () => languageRef.current,
        () => sessionToken.current,
      ),
    [],
  );

  const [view, setView] = useState<View>({ kind: 'loading' });
  const [session, setSession] = useState<Session | null>(null);
  const [link, setLink] = useState<SetupLinkInfo | null>(null);
  const [countries, setCountries] = useState<SupportedCountry[] | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  /** Read out by screen readers: saving, refusals. */
  const [status, setStatus] = useState('');
  /** A message from the server shown above the step (an answer that was out of order, say). */
  const [notice, setNotice] = useState<string | null>(null);

  const keepToken = (token: string | null) => {
    sessionToken.current = token;
    if (token) sessionStorage.setItem(storageKey, token);
    else sessionStorage.removeItem(storageKey);
  };

  const showStep = (step: WizardStep, history: 'push' | 'replace' | 'none') => {
    setView({ kind: 'step', step });
    setStatus('');
    const url = `#${slugOf(step)}`;
    if (history === 'push') window.history.pushState({ step }, '', url);
    else if (history === 'replace') window.history.replaceState({ step }, '', url);
  };

  /** A page that is not a step: it replaces the current history entry, so Back does not return to a dead step. */
  const showPage = (next: View, fragment: string) => {
    setView(next);
    setStatus('');
    setNotice(null);
    window.history.replaceState(null, '', `#${fragment}`);
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN' || error.code === 'SESSION_ENDED')) {
      keepToken(null);
      return showPage({ kind: 'ended', reason: 'SESSION_ENDED' }, 'ended');
    }
    const reason: Failure = error instanceof ApiError && (error.code === 'NETWORK' || error.code === 'RATE_LIMITED') ? error.code : 'OTHER';
    showPage({ kind: 'failed', reason }, 'error');
  };

  /** A session that is no longer active: what became of it (and to whom it was handed, when this page handed it over). */
  const ended = (ending: SessionEnd | null, handedTo?: string) => {
    keepToken(null);
    if (ending?.status === 'DELEGATED' && handedTo) return showPage({ kind: 'delegated', email: handedTo }, 'handed-over');
    if (ending?.status === 'COMPLETED') return showPage({ kind: 'link', status: 'ALREADY_MAPPED' }, 'link');
    const reason: Ending =
      ending?.status === 'ABANDONED' || ending?.status === 'EXPIRED' || ending?.status === 'SUPERSEDED' ? ending.status : 'SESSION_ENDED';
    showPage({ kind: 'ended', reason }, 'ended');
  };

  /** Shows a step again after re-reading the session; an unreachable step (its answers were cleared) gives the current one. */
  const revisit = async (wanted: WizardStep, history: 'push' | 'replace' | 'none') => {
    try {
      const current = await api.session();
      if (!isActive(current)) return ended(current);
      setSession(current);
      setNotice(null);
      const step = reachable(current, wanted) ? wanted : current.currentStep;
      showStep(step, step === wanted ? history : 'replace');
    } catch (error) {
      fail(error);
    }
  };

  /** Refusals that no form can fix (the link or the session stopped working); true when handled here. */
  const handledRefusal = async (errors: UserError[]): Promise<boolean> => {
    for (const error of errors) {
      const problem = LINK_REFUSALS[error.code];
      if (problem) {
        keepToken(null);
        showPage({ kind: 'link', status: problem }, 'link');
        return true;
      }
      if (error.code === 'SESSION_ENDED') {
        ended(await api.session().catch(() => null));
        return true;
      }
      if (error.code === 'STEP_OUT_OF_ORDER') {
        const current = await api.session();
        if (!isActive(current)) ended(current);
        else {
          setSession(current);
          showStep(current.currentStep, 'replace');
          setNotice(error.message);
        }
        return true;
      }
    }
    return false;
  };

  /** Opens a new session from the link: a new tab, or starting over. */
  const start = async () => {
    setView({ kind: 'loading' });
    keepToken(null);
    try {
      const payload = await api.start(linkToken ?? '');
      if (!payload.sessionToken || !payload.session) {
        const problem = payload.userErrors.map((error) => LINK_REFUSALS[error.code]).find(Boolean);
        return showPage({ kind: 'link', status: problem ?? 'INVALID' }, 'link');
      }
      keepToken(payload.sessionToken);
      setSession(payload.session);
      setNotice(null);
      showStep('ROLE', 'replace');
    } catch (error) {
      fail(error);
    }
  };

  const boot = async () => {
    if (!linkToken) return showPage({ kind: 'link', status: 'INVALID' }, 'link');
    try {
      api.supportedCountries().then(setCountries, () => setCountries(null));
      const info = await api.setupLink(linkToken);
      setLink(info);
      if (info.status !== 'VALID') {
        keepToken(null);
        return showPage({ kind: 'link', status: info.status }, 'link');
      }
      if (sessionToken.current) {
        // The same tab, reloaded: continue where the contact was.
        const current = await api.session().catch(() => null);
        if (isActive(current)) {
          setSession(current);
          const wanted = stepInUrl();
          return showStep(wanted && reachable(current, wanted) ? wanted : current.currentStep, 'replace');
        }
        if (current) return ended(current);
      }
      await start();
    } catch (error) {
      fail(error);
    }
  };

  const answer = async (step: WizardStep, call: () => Promise<StepPayload>): Promise<UserError[]> => {
    if (busyRef.current) return [];
    busyRef.current = true;
    setBusy(true);
    setStatus(t('status.saving'));
    try {
      const payload = await call();
      if (payload.userErrors.length) {
        if (await handledRefusal(payload.userErrors)) return [];
        setStatus(t('status.refused', { count: payload.userErrors.length }));
        return payload.userErrors;
      }
      const next = payload.session!;
      if (!isActive(next)) {
        ended(next, payload.handedTo);
        return [];
      }
      setSession(next);
      setNotice(null);
      showStep(stepAfter(next, step), 'push');
      return [];
    } catch (error) {
      fail(error);
      return [];
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const confirm = async (): Promise<UserError[]> => {
    if (busyRef.current) return [];
    busyRef.current = true;
    setBusy(true);
    setStatus(t('status.confirming'));
    try {
      const payload = await api.confirm();
      if (payload.userErrors.length) {
        if (await handledRefusal(payload.userErrors)) return [];
        setStatus(t('status.refused', { count: payload.userErrors.length }));
        return payload.userErrors;
      }
      keepToken(null);
      showPage({ kind: 'done', confirmation: payload }, slugOf('DONE'));
      return [];
    } catch (error) {
      fail(error);
      return [];
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const leave = async () => {
    try {
      const payload = await api.abandon();
      if (payload.userErrors.length && (await handledRefusal(payload.userErrors))) return;
      keepToken(null);
      showPage({ kind: 'ended', reason: 'ABANDONED' }, 'left');
    } catch (error) {
      fail(error);
    }
  };

  // The latest handlers, for the listeners registered once.
  const handlers = useRef({ boot, revisit });
  handlers.current = { boot, revisit };
  const viewRef = useRef(view);
  viewRef.current = view;

  const booted = useRef(false);
  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    void handlers.current.boot();
  }, []);

  useEffect(() => {
    const onPopState = () => {
      // Only between steps: a finished, handed-over or ended session stays on its page.
      const kind = viewRef.current.kind;
      if (kind !== 'step' && kind !== 'reported') return;
      const step = stepInUrl();
      if (step) void handlers.current.revisit(step, 'none');
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const wizard: Wizard | null =
    session && link
      ? {
          api,
          session,
          link,
          countries,
          reloadCountries: () => void api.supportedCountries().then(setCountries, () => undefined),
          busy,
          answer,
          confirm,
          handled: handledRefusal,
          goTo: (step) => void revisit(step, 'push'),
          reported: (kind) => {
            const returnTo = view.kind === 'step' ? view.step : session.currentStep;
            setView({ kind: 'reported', caseKind: kind, returnTo });
            window.history.pushState(null, '', '#reported');
          },
        }
      : null;

  let content: ReactNode;
  switch (view.kind) {
    case 'loading':
      content = <p role="status">{t('page.loading')}</p>;
      break;
    case 'link':
      content = <LinkProblemPage status={view.status} />;
      break;
    case 'step':
      content = wizard && view.step !== 'DONE' && (
        <WizardContext.Provider value={wizard}>
          <div key={view.step} data-step={view.step}>
            {STEPS[view.step]()}
          </div>
        </WizardContext.Provider>
      );
      break;
    case 'done':
      content = <DoneStep confirmation={view.confirmation} />;
      break;
    case 'delegated':
      content = <DelegatedPage email={view.email} />;
      break;
    case 'reported':
      content = (
        <ReportedPage kind={view.caseKind} email={session?.contactEmail ?? ''} onBack={() => void revisit(view.returnTo, 'push')} />
      );
      break;
    case 'ended':
      content = <EndedPage reason={view.reason} onStartOver={() => void start()} />;
      break;
    case 'failed':
      content = <FailedPage reason={view.reason} onRetry={() => window.location.reload()} />;
      break;
  }

  const showing: WizardStep | null = view.kind === 'step' ? view.step : view.kind === 'done' ? 'DONE' : null;
  return (
    <div className="page">
      <header className="topbar">
        <div className="topbar-inner">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true" />
            {t('page.brand')}
          </span>
          <LanguageMenu />
        </div>
      </header>
      <main className="main" data-view={view.kind}>
        {link?.subscriptionId && (view.kind === 'step' || view.kind === 'done') && (
          <p className="order-line">{t('page.order', { order: link.subscriptionId, offer: link.offerCode ?? '' })}</p>
        )}
        {view.kind === 'step' && session?.trialToConvert && (
          <section className="notice trial-notice" aria-labelledby="trial-notice-title">
            <h2 id="trial-notice-title">{t('trial.conversion.title')}</h2>
            <p>{tIdents('trial.conversion.body', { name: session.trialToConvert.name, email: session.trialAdminEmail ?? '' })}</p>
          </section>
        )}
        {showing && (
          <Progress session={session} showing={showing} onOpen={view.kind === 'step' ? (step) => void revisit(step, 'push') : undefined} />
        )}
        <div className="card">
          {notice && (
            <div className="notice notice--warning" role="status">
              {notice}
            </div>
          )}
          {content}
        </div>
        {view.kind === 'step' && <LeaveSetup onLeave={() => void leave()} />}
        <div className="visually-hidden" role="status" aria-live="polite">
          {status}
        </div>
      </main>
    </div>
  );
}
