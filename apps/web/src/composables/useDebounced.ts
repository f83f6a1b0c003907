import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/** A copy of `source` that follows it after `ms` of quiet (search boxes). */
export function useDebounced<T>(source: Ref<T>, ms = 300): Ref<T> {
  const out = ref(source.value) as Ref<T>;
  let timer: ReturnType<typeof setTimeout> | null = null;
  watch(source, (v) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      out.value = v;
    }, ms);
  });
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
  });
  return out;
}
