import { useState } from 'react';
import { useApi } from '../api/api-context';
import { profileContext, useSampleContext } from './sample-context';

/** Replaces the sample profile with a real one, looked up by user id. */
export function SampleProfileLoader() {
  const { api } = useApi();
  const setProfileText = useSampleContext((state) => state.setProfileText);
  const [userId, setUserId] = useState('');
  const [failure, setFailure] = useState<string>();
  const load = async () => {
    try {
      setProfileText(JSON.stringify(profileContext(await api.getProfile(userId.trim())), null, 2));
      setFailure(undefined);
    } catch (error) {
      setFailure((error as Error).message);
    }
  };
  return (
    <div className="sample-loader">
      <input
        className="input"
        aria-label="Real profile user id"
        placeholder="or a real user id"
        value={userId}
        onChange={(event) => setUserId(event.target.value)}
      />
      <button type="button" className="button" disabled={!userId.trim()} onClick={() => void load()}>
        Use profile
      </button>
      {failure ? (
        <p className="field__error" role="alert">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
