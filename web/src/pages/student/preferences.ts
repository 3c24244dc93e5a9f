import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';

export const MAX_PREFERENCES = 10;

/** The signed-in student's ranked slot ids, and a save that replaces the whole list. */
export function usePreferences() {
  const user = useUser();
  const id = user.studentId as number;
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['preferences', id],
    queryFn: () => call(api.GET('/api/v1/students/{id}/preferences', { params: { path: { id } } })),
  });
  const save = useMutation({
    mutationFn: (slotIds: number[]) => call(api.PUT('/api/v1/students/{id}/preferences', { params: { path: { id } }, body: { slotIds } })),
    onSuccess: (data) => queryClient.setQueryData(['preferences', id], data),
  });
  return { query, save };
}
