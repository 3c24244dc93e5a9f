import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, call } from '../api/client';

interface Option {
  value: string;
  label: string;
}

interface PickerProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
  w?: number | string;
  placeholder?: string;
}

/** A select that asks the API for what matches what the user types (lists too long to load whole). */
function SearchSelect({
  name,
  find,
  label,
  value,
  onChange,
  error,
  required,
  w = 320,
  placeholder,
}: PickerProps & { name: string; find: (q: string) => Promise<Option[]> }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  // Every label seen, so the chosen option keeps its label whatever the latest search found.
  const labels = useRef(new Map<string, string>());
  const chosenLabel = labels.current.get(value);
  // Once an option is chosen, the input shows its label: that is not a new search.
  const q = debounced === chosenLabel ? '' : debounced;
  const found = useQuery({ queryKey: ['pick', name, q], queryFn: () => find(q), staleTime: 30_000 });
  found.data?.forEach((o) => labels.current.set(o.value, o.label));
  const data = [...(found.data ?? [])];
  if (value && !data.some((d) => d.value === value)) {
    data.unshift({ value, label: chosenLabel ?? `#${value}` });
  }
  return (
    <Select
      label={label}
      placeholder={placeholder}
      required={required}
      error={error}
      searchable
      clearable={!required}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      w={w}
    />
  );
}

export function UnitSelect(props: PickerProps) {
  return (
    <SearchSelect
      {...props}
      name="units"
      find={async (q) =>
        (await call(api.GET('/api/v1/competency-units', { params: { query: { q: q || undefined, pageSize: 20 } } }))).items.map((u) => ({
          value: u.code,
          label: `${u.code} · ${u.name}`,
        }))
      }
    />
  );
}

export function StudentSelect(props: PickerProps) {
  return (
    <SearchSelect
      {...props}
      name="students"
      find={async (q) =>
        (await call(api.GET('/api/v1/students', { params: { query: { q: q || undefined, pageSize: 20 } } }))).items.map((s) => ({
          value: String(s.id),
          label: `${s.name} · ${s.nisn}`,
        }))
      }
    />
  );
}

export function SchoolSelect(props: PickerProps) {
  return (
    <SearchSelect
      {...props}
      name="schools"
      find={async (q) =>
        (await call(api.GET('/api/v1/schools', { params: { query: { q: q || undefined, pageSize: 20 } } }))).items.map((s) => ({
          value: String(s.id),
          label: `${s.name} · ${s.npsn}`,
        }))
      }
    />
  );
}

export function CompanySelect(props: PickerProps) {
  return (
    <SearchSelect
      {...props}
      name="companies"
      find={async (q) =>
        (await call(api.GET('/api/v1/companies', { params: { query: { search: q || undefined, pageSize: 20 } } }))).items.map((c) => ({
          value: String(c.id),
          label: `${c.name} · ${c.nib}`,
        }))
      }
    />
  );
}

/** The active teachers (of the caller's school) or mentors (of their company) to supervise a placement. */
export function SupervisorSelect({ role, ...props }: PickerProps & { role: 'teacher' | 'mentor' }) {
  return (
    <SearchSelect
      {...props}
      name={`supervisors-${role}`}
      find={async (q) =>
        (await call(api.GET('/api/v1/supervisors', { params: { query: { role, search: q || undefined, pageSize: 20 } } }))).items.map((u) => ({
          value: String(u.id),
          label: `${u.name} · ${u.email}`,
        }))
      }
    />
  );
}

export function CourseSelect(props: PickerProps) {
  return (
    <SearchSelect
      {...props}
      name="courses"
      find={async (q) =>
        (await call(api.GET('/api/v1/courses', { params: { query: { q: q || undefined, pageSize: 20 } } }))).items.map((c) => ({
          value: String(c.id),
          label: `${c.code} · ${c.title}`,
        }))
      }
    />
  );
}
