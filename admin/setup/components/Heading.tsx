/** A view's heading: it takes the focus when the view appears, so keyboard and screen reader users start there. */
import { ReactNode, useEffect, useRef } from 'react';

export function Heading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="view-heading">
      {children}
    </h1>
  );
}
