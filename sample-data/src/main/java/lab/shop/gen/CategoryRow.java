package lab.shop.gen;

/** A row of {@code categories}; parentId is null for a top-level category. */
public record CategoryRow(int categoryId, Integer parentId, String name) {}
