/** Leaving on purpose: the session ends and its answers are erased, after the contact confirms. */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

export function LeaveSetup({ onLeave }: { onLeave(): void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) stayRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <div className="leave">
        <button type="button" className="link-button" onClick={() => setAsking(true)}>
          {t('leave.open')}
        </button>
      </div>
    );
  }
  return (
    <div className="leave leave--asking" role="group" aria-labelledby="leave-question">
      <p id="leave-question">{t('leave.question')}</p>
      <div className="actions">
        <button ref={stayRef} type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          {t('leave.stay')}
        </button>
        <button type="button" className="button button--danger" onClick={onLeave}>
          {t('leave.confirm')}
        </button>
      </div>
    </div>
  );
}
