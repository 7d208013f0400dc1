package com.example.shop.customer;

import java.util.List;
import org.springframework.stereotype.Service;

@Service
public class CustomerService {

    private final CustomerRepository customers;

    public CustomerService(CustomerRepository customers) {
        this.customers = customers;
    }

    public Customer register(String id, String email) {
        if (customers.findByEmail(email).isPresent()) {
            throw new IllegalStateException("e-mail already registered: " + email);
        }
        Customer customer = new Customer();
        customer.setId(id);
        customer.setEmail(email);
        customer.setTier("basic");
        customers.save(customer);
        return customer;
    }

    public List<Customer> goldCustomers() {
        return customers.findAll().stream().filter(c -> "gold".equals(c.getTier())).toList();
    }
}
