/**
 * The console's entry point: the router, the sign-in gate and the login page. The signed-in console (App.tsx)
 * is a chunk of its own, fetched once signed in (or as soon as someone types or clicks on the login page), so that a
 * phone opening the login page loads only what the login needs.
 */
import { lazy, StrictMode, Suspense, useEffect, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { ConsoleAdmin, isSignedIn, subscribeToCredentials } from './ConsoleAdmin';

const loadSignedInConsole = () => import('./App');
const SignedInConsole = lazy(loadSignedInConsole);
// Signed in already (a reload, a link opened): the console is wanted at once, so its fetch starts now rather than
// when React first renders the gate below, a task later.
if (isSignedIn()) void loadSignedInConsole();

/**
 * Starts fetching the signed-in console when someone first types or clicks on the login page: it is wanted right
 * after. Not on focus: the form focuses its first field itself.
 */
function usePrefetchOnFirstTouch() {
  useEffect(() => {
    const prefetch = () => void loadSignedInConsole();
    const options = { once: true, capture: true } as const;
    document.addEventListener('keydown', prefetch, options);
    document.addEventListener('pointerdown', prefetch, options);
    return () => {
      document.removeEventListener('keydown', prefetch, options);
      document.removeEventListener('pointerdown', prefetch, options);
    };
  }, []);
}

function LoginOnly() {
  usePrefetchOnFirstTouch();
  return <ConsoleAdmin />;
}

/**
 * Signed out, every page but the login page goes straight to it, replacing the link in the history and keeping it
 * for after the login (react-admin's `nextPathname`); signed in, the login page goes to the console's home. The
 * console itself is only rendered where it can stay: react-admin's own redirect (the signed-out catch-all logging
 * out on mount) races its query cache against the data router's navigation and pushed /login a thousand times
 * before the form showed (issue 19).
 */
function SignInGate() {
  const location = useLocation();
  const signedIn = useSyncExternalStore(subscribeToCredentials, isSignedIn);
  const atLogin = location.pathname === '/login';
  if (!signedIn && !atLogin) {
    return <Navigate to="/login" replace state={{ nextPathname: location.pathname, nextSearch: location.search }} />;
  }
  if (signedIn && atLogin) return <Navigate to="/" replace />;
  if (!signedIn) return <LoginOnly />;
  return (
    <Suspense fallback={<div style={{ minHeight: '100vh' }} aria-busy="true" />}>
      <SignedInConsole />
    </Suspense>
  );
}

// A browser router (real paths, /admin/orders/...) rather than react-admin's default hash router; a data
// router, so that react-admin can warn about unsaved changes.
const router = createBrowserRouter([{ path: '*', element: <SignInGate /> }], { basename: '/admin' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
