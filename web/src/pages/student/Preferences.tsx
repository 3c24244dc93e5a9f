import {
  closestCenter,
  DndContext,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, call } from '../../api/client';
import { explainError } from '../../api/errors';
import { useRegionName } from '../../components/reference';
import { Notice, PageTitle } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';
import { MAX_PREFERENCES, usePreferences } from './preferences';

export default function Preferences() {
  const { t, maybe } = useI18n();
  const notify = useNotify();
  const { query, save } = usePreferences();
  const [order, setOrder] = useState<number[]>([]);
  useEffect(() => {
    if (query.data) {
      setOrder(query.data.slotIds);
    }
  }, [query.data]);
  const slots = useQueries({
    queries: order.map((id) => ({
      queryKey: ['slot', id],
      staleTime: 60_000,
      queryFn: () => call(api.GET('/api/v1/slots/{id}', { params: { path: { id } } })),
    })),
  });
  // A slot that closed since it was chosen is no longer the student's to read (404): its title
  // then comes from the student's own placements, if one names it, else the page says it closed.
  const placements = useQuery({
    queryKey: ['placements', 'mine'],
    enabled: slots.some((s) => s.isError),
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { pageSize: 50 } } })),
  });
  const placed = new Map((placements.data?.items ?? []).map((p) => [p.slotId, p.slotTitle]));
  const title = (i: number) =>
    slots[i]?.data?.title ??
    placed.get(order[i]) ??
    (slots[i]?.isError ? t('student.slot_closed', { id: order[i] }) : t('common.loading'));
  const regionName = useRegionName();
  const dirty = JSON.stringify(order) !== JSON.stringify(query.data?.slotIds ?? []);

  function move(i: number, by: number) {
    const j = i + by;
    if (j < 0 || j >= order.length) {
      return;
    }
    const next = [...order];
    [next[i], next[j]] = [next[j], next[i]];
    setOrder(next);
    // Keep the keyboard focus on the moved item's card.
    requestAnimationFrame(() => document.getElementById(`pref-${next[j]}`)?.focus());
  }

  // Drag by pointer or touch (a short hold on phones, so the page still scrolls); by keyboard, the
  // card's Alt+↑/Alt+↓ and the arrow buttons do the same, one place at a time.
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
  );
  const titleOf = (id: number) => title(order.indexOf(id));

  function onDragEnd({ active, over }: DragEndEvent) {
    if (over && active.id !== over.id) {
      setOrder(arrayMove(order, order.indexOf(Number(active.id)), order.indexOf(Number(over.id))));
    }
  }

  function onKey(e: KeyboardEvent, i: number) {
    if (e.altKey && e.key === 'ArrowUp') {
      e.preventDefault();
      move(i, -1);
    } else if (e.altKey && e.key === 'ArrowDown') {
      e.preventDefault();
      move(i, 1);
    }
  }

  const notice = save.error ? explainError(save.error, [], maybe).notice : null;
  return (
    <>
      <PageTitle>{t('student.preferences.title')}</PageTitle>
      <Text size="sm" mb="md">
        {t('student.preferences.lead', { max: MAX_PREFERENCES })}
      </Text>
      <Notice message={notice} error={query.error} />
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t('student.drag.instructions') },
          announcements: {
            onDragStart: ({ active }) => t('student.drag.picked', { title: titleOf(Number(active.id)) }),
            onDragOver: ({ active, over }) => (over ? t('student.drag.over', { title: titleOf(Number(active.id)), n: order.indexOf(Number(over.id)) + 1 }) : undefined),
            onDragEnd: ({ active, over }) => (over ? t('student.drag.dropped', { title: titleOf(Number(active.id)), n: order.indexOf(Number(over.id)) + 1 }) : undefined),
            onDragCancel: ({ active }) => t('student.drag.cancelled', { title: titleOf(Number(active.id)) }),
          },
        }}
      >
        <SortableContext items={order} strategy={verticalListSortingStrategy}>
          <Stack gap="xs" component="ol" aria-label={t('student.preferences.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {order.map((id, i) => (
              <SortableCard key={id} id={id} label={t('student.pref_item', { n: i + 1, title: title(i) })} handleLabel={t('student.drag.handle', { title: title(i) })} onKeyDown={(e: KeyboardEvent) => onKey(e, i)}
                heading={
                  <div>
                    <Text fw={500}>
                      {i + 1}. {title(i)}
                    </Text>
                    {/* Two slots may share a title: the company and place tell them apart. */}
                    {slots[i]?.data && (
                      <Text size="sm">
                        {slots[i].data.companyName} · {regionName(slots[i].data.regionCode)}
                      </Text>
                    )}
                  </div>
                }
              >
                <Group gap={4} wrap="nowrap">
                  <ActionIcon variant="default" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('student.move_up', { title: title(i) })}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="default" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('student.move_down', { title: title(i) })}>
                    ↓
                  </ActionIcon>
                  <ActionIcon variant="default" color="red" onClick={() => setOrder(order.filter((x) => x !== id))} aria-label={t('student.remove', { title: title(i) })}>
                    ×
                  </ActionIcon>
                </Group>
              </SortableCard>
            ))}
          </Stack>
        </SortableContext>
      </DndContext>
      {order.length === 0 && <Text>{t('student.preferences.empty')}</Text>}
      <Group mt="md">
        <Button
          disabled={!dirty}
          loading={save.isPending}
          onClick={() => save.mutate(order, { onSuccess: () => notify(t('student.preferences.saved')) })}
        >
          {t('common.save')}
        </Button>
      </Group>
    </>
  );
}

/** One ranked slot: the card is the list item; the handle (⠿) drags it. */
function SortableCard({ id, label, handleLabel, onKeyDown, heading, children }: { id: number; label: string; handleLabel: string; onKeyDown: (e: KeyboardEvent) => void; heading: ReactNode; children: ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <Card
      ref={setNodeRef}
      component="li"
      withBorder
      padding="sm"
      id={`pref-${id}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={label}
      style={{ transform: CSS.Transform.toString(transform), transition, zIndex: isDragging ? 1 : undefined, boxShadow: isDragging ? 'var(--mantine-shadow-md)' : undefined }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <ActionIcon ref={setActivatorNodeRef} variant="subtle" color="gray" aria-label={handleLabel} style={{ cursor: 'grab', touchAction: 'none' }} {...attributes} {...listeners} data-testid={`drag-${id}`}>
            ⠿
          </ActionIcon>
          {heading}
        </Group>
        {children}
      </Group>
    </Card>
  );
}
